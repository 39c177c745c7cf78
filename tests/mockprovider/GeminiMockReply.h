#pragma once

#include "MockConversation.h"
#include "MockReply.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace signalbox::mock {

// One answer in the Gemini API's format (models/{model}:generateContent and
// :streamGenerateContent): a GenerateContentResponse, or a stream of them, as
// SSE with alt=sse or else as one JSON array written element by element.
// Offered functions are called with a functionCall part carrying a
// thoughtSignature, which the mock requires back in the current turn as
// Gemini 3 does (any model not named gemini-1… or gemini-2…); thoughts come
// first when includeThoughts asks for them.
class GeminiMockReply : public MockReply {
    Q_OBJECT
public:
    enum class Mode { Whole, JsonArray, Sse };
    GeminiMockReply(MockReplyContext context, const QJsonObject& request, QByteArrayView raw,
                    const QString& model, Mode mode);

    // {"error":{"code":…,"message":…,"status":…}}; inside an array for the
    // array-streaming endpoint, as Google answers there.
    static QByteArray errorBody(int status, const QString& message, bool inArray = false);
    static QString statusName(int code);
    // The signature the mock gives a function call: derived from the call, so
    // the call coming back can be checked without remembering anything.
    static QString thoughtSignature(const QString& name, const QJsonObject& args);
    // :countTokens, for {"contents": …} or {"generateContentRequest": …}.
    static QByteArray countTokens(const QJsonObject& request);

protected:
    void serve() override;
    // With retry_delay, a 429 carries Google's quota details and a RetryInfo.
    QByteArray errorBody(int status) const override;
    // context_length: 400 INVALID_ARGUMENT "The input token count (N) exceeds the
    // maximum number of tokens allowed (1048576)."; content_policy is no error
    // at all but a 200 whose promptFeedback blocks the prompt as
    // PROHIBITED_CONTENT, which serve() gives.
    std::optional<ErrorAnswer> namedError(const QString& name) const override;
    QByteArray garbageContentType() const override;

private:
    QString invalid(const QJsonObject& request) const;
    // One response object: `parts` in the candidate, and the finish when `last`.
    QByteArray response(const QJsonArray& parts, bool last) const;
    QJsonObject usage(bool last) const;
    QString finishReason() const;
    QJsonObject functionCallPart() const;
    // Thinking models sign their last text part too; the mock never checks it.
    QString textSignature() const;

    MockConversation conversation_;
    Mode mode_;
    QString badRequest_;
    QString model_;
    QString responseId_;
    int candidates_ = 1;
    bool thinks_ = false;
    bool showThoughts_ = false;
    bool truncated_ = false;
    QString thoughtText_;
    QStringList pieces_;
    int promptTokens_ = 0;
    int cachedTokens_ = 0;
};

}  // namespace signalbox::mock
