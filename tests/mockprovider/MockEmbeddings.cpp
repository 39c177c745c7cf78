#include "MockEmbeddings.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <cmath>

namespace signalbox::mock {

namespace {

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonArray values(const QString& text, int dimensions) {
    QJsonArray out;
    for (float f : MockEmbeddings::vector(text, dimensions)) {
        out.append(static_cast<double>(f));
    }
    return out;
}

// The text Gemini embeds: the text parts of a Content.
QString contentText(const QJsonObject& content) {
    QStringList texts;
    for (const QJsonValue part : content.value(QLatin1String("parts")).toArray()) {
        texts << part.toObject().value(QLatin1String("text")).toString();
    }
    return texts.join(QLatin1Char(' '));
}

int geminiDimensions(const QJsonObject& request) {
    const int n = request.value(QLatin1String("outputDimensionality")).toInt(0);
    return n > 0 ? n : MockEmbeddings::kDefaultDimensions;
}

}  // namespace

QList<float> MockEmbeddings::vector(const QString& text, int dimensions) {
    QList<float> v;
    QByteArray seed;
    for (int block = 0; v.size() < dimensions; ++block) {
        seed = QCryptographicHash::hash(text.toUtf8() + QByteArray::number(block),
                                        QCryptographicHash::Sha256);
        for (qsizetype i = 0; i < seed.size() && v.size() < dimensions; ++i) {
            v << static_cast<float>(static_cast<quint8>(seed[i])) / 127.5f - 1.0f;
        }
    }
    double norm = 0;
    for (float f : std::as_const(v)) {
        norm += static_cast<double>(f) * static_cast<double>(f);
    }
    norm = std::sqrt(norm);
    for (float& f : v) {
        f = norm > 0 ? static_cast<float>(static_cast<double>(f) / norm) : 0.0f;
    }
    return v;
}

QByteArray MockEmbeddings::openAi(const QJsonObject& request, const QString& model) {
    const QJsonValue input = request.value(QLatin1String("input"));
    QStringList texts;
    if (input.isString()) {
        texts << input.toString();
    } else if (input.isArray()) {
        for (const QJsonValue item : input.toArray()) {
            // Token arrays embed by their JSON text: stable, and distinct from a string.
            texts << (item.isString()
                          ? item.toString()
                          : QString::fromUtf8(
                                QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact)));
        }
    }
    if (texts.isEmpty()) {
        return {};
    }
    const int requested = request.value(QLatin1String("dimensions")).toInt(0);
    const int dimensions = requested > 0 ? requested : kDefaultDimensions;
    const bool base64 =
        request.value(QLatin1String("encoding_format")).toString() == QLatin1String("base64");
    QJsonArray data;
    int tokens = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QJsonValue embedding;
        if (base64) {
            QByteArray bytes;
            for (float f : vector(texts[i], dimensions)) {
                char le[4];
                qToLittleEndian(f, le);
                bytes.append(le, 4);
            }
            embedding = QString::fromLatin1(bytes.toBase64());
        } else {
            embedding = values(texts[i], dimensions);
        }
        data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                {QStringLiteral("index"), static_cast<int>(i)},
                                {QStringLiteral("embedding"), embedding}});
        tokens += std::max(1, static_cast<int>(texts[i].toUtf8().size() / 4));
    }
    return compact(
        {{QStringLiteral("object"), QStringLiteral("list")},
         {QStringLiteral("data"), data},
         {QStringLiteral("model"), model},
         {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), tokens},
                                               {QStringLiteral("total_tokens"), tokens}}}});
}

QByteArray MockEmbeddings::gemini(const QJsonObject& request) {
    const QString text = contentText(request.value(QLatin1String("content")).toObject());
    return compact(
        {{QStringLiteral("embedding"),
          QJsonObject{{QStringLiteral("values"), values(text, geminiDimensions(request))}}}});
}

QByteArray MockEmbeddings::geminiBatch(const QJsonObject& request) {
    QJsonArray embeddings;
    for (const QJsonValue r : request.value(QLatin1String("requests")).toArray()) {
        const QJsonObject one = r.toObject();
        const QString text = contentText(one.value(QLatin1String("content")).toObject());
        embeddings.append(
            QJsonObject{{QStringLiteral("values"), values(text, geminiDimensions(one))}});
    }
    return compact({{QStringLiteral("embeddings"), embeddings}});
}

}  // namespace signalbox::mock
