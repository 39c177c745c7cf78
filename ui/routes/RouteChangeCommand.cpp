#include "routes/RouteChangeCommand.h"

#include "routes/RouteDraft.h"

#include <utility>

namespace signalbox {

namespace {
constexpr int kFieldEditId = 0x5b0e;  // any number of its own, for QUndoStack
}

RouteChangeCommand::RouteChangeCommand(RouteDraft& draft, int index,
                                       std::optional<RouteConfig> before,
                                       std::optional<RouteConfig> after, const QString& text,
                                       const QString& field, int typingRun)
    : QUndoCommand(text),
      draft_(draft),
      index_(index),
      before_(std::move(before)),
      after_(std::move(after)),
      field_(field),
      typingRun_(typingRun) {}

void RouteChangeCommand::redo() {
    if (!before_)
        draft_.apply(index_, after_, true);
    else
        draft_.apply(index_, after_, false);
}

void RouteChangeCommand::undo() {
    if (!after_)
        draft_.apply(index_, before_, true);
    else
        draft_.apply(index_, before_, false);
}

int RouteChangeCommand::id() const {
    return field_.isEmpty() || !before_ || !after_ ? -1 : kFieldEditId;
}

bool RouteChangeCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const RouteChangeCommand*>(other);
    if (next->index_ != index_ || next->field_ != field_ || next->typingRun_ != typingRun_)
        return false;
    after_ = next->after_;
    // Typed and typed back: no step at all.
    setObsolete(before_ == after_);
    return true;
}

}  // namespace signalbox
