#pragma once
// How a validation error names a value: quoted and cut (show), counted as JSON Schema counts (chars), and the
// "did you mean" hints, which the visitor wasm (ASSENT_VISITOR, wasm/bindings) leaves out with edit_distance.
#include <cstddef>
#include <string>
#include <string_view>

#ifndef ASSENT_VISITOR
#define ASSENT_VISITOR 0
#endif

namespace assent {
constexpr bool kHints = !ASSENT_VISITOR;
std::size_t edit_distance(std::string_view a, std::string_view b);
std::size_t chars(std::string_view s);  // characters (code points), as JSON Schema's maxLength counts
std::string show(std::string_view s);   // quoted for a message, control characters replaced, long text cut
}  // namespace assent
