#pragma once

#include "playground/PlaygroundResult.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace signalbox {

// An answer's footer in words: "oai/gpt-4o-mini · 1 attempt · first token 210 ms · 1.4 s ·
// 120 in / 340 out · $0.0003", and after a failure what to do about it.
class AnswerSummary {
    Q_DECLARE_TR_FUNCTIONS(AnswerSummary)
public:
    static QString footer(const PlaygroundResult& result);
    // What the user can do after a failed call, or empty.
    static QString advice(const PlaygroundResult& result);

    static QString duration(qint64 ms);              // "210 ms", "1.4 s"
    static QString cost(std::optional<double> usd);  // "$0.0003", "unpriced"
};

}  // namespace signalbox
