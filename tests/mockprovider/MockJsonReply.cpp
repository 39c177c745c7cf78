#include "MockJsonReply.h"

namespace signalbox::mock {

MockJsonReply::MockJsonReply(MockReplyContext context, int status, QByteArray body,
                             ErrorBody errorBody)
    : MockReply(std::move(context)),
      status_(status),
      body_(std::move(body)),
      errorBody_(std::move(errorBody)) {}

void MockJsonReply::serve() {
    respond(status_, body_);
}

}  // namespace signalbox::mock
