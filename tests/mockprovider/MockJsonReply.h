#pragma once

#include "MockReply.h"

#include <functional>

namespace signalbox::mock {

// A reply whose body is known in advance (model lists, token counts,
// embeddings), still subject to the injected fault in its format's error shape.
class MockJsonReply : public MockReply {
    Q_OBJECT
public:
    using ErrorBody = std::function<QByteArray(int status)>;
    MockJsonReply(MockReplyContext context, int status, QByteArray body, ErrorBody errorBody);

protected:
    void serve() override;
    QByteArray errorBody(int status) const override { return errorBody_(status); }

private:
    int status_;
    QByteArray body_;
    ErrorBody errorBody_;
};

}  // namespace signalbox::mock
