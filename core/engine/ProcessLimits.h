#pragma once

namespace signalbox {

// Raises this process's soft limit of open files to its hard limit. Every
// stream holds two descriptors (client and provider); the usual soft limit of
// 1024 would cap the proxy near 500 streams. Returns the limit now in force.
long raiseOpenFileLimit();

}  // namespace signalbox
