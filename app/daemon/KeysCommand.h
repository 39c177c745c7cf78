#pragma once

#include <QStringList>

namespace signalbox {

// `signalboxd keys …`: virtual keys managed from the command line, in the data dir's
// database, while a gateway runs on it or not (a running one notices within a second).
//   keys create --name NAME [--routes a,b] [--budget USD] [--period day|month|total]
//               [--rpm N] [--tpm N] [--expires RFC3339]
//   keys list | keys usage ID | keys revoke ID | keys update ID [settings as for create]
// Output is text for people, or JSON with --json. Returns the process's exit code.
int runKeysCommand(const QStringList& arguments);

}  // namespace signalbox
