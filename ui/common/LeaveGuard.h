#pragma once

namespace signalbox {

// A panel that may hold unsaved edits. The window asks it before the user switches to
// another panel or closes the window; the panel may ask the user (Save, Discard,
// Cancel) and answers whether to go on.
class LeaveGuard {
public:
    virtual ~LeaveGuard() = default;
    virtual bool hasUnsavedChanges() const = 0;
    virtual bool confirmLeave() = 0;
};

}  // namespace signalbox
