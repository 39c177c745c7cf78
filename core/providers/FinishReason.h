#pragma once

namespace signalbox {

// Why generation stopped, in one vocabulary for every format.
enum class FinishReason {
    Unset,
    Stop,           // natural end (OpenAI stop, Anthropic end_turn, Gemini STOP)
    StopSequence,   // a client stop sequence matched
    Length,         // max tokens reached
    ToolCalls,      // the model wants tools run
    ContentFilter,  // a safety system blocked or cut the output
    Refusal,        // the model declined (Anthropic refusal)
    PauseTurn,      // Anthropic pause_turn: a long server-tool turn to be continued
    Other,
};

}  // namespace signalbox
