// wasm build only: registers just the types the bindings use, in place of libembind's built-in registry.
// Emscripten's prebuilt libembind (bind.cpp) registers every primitive type, std::wstring, std::u16string,
// emscripten::val and 20 memory views at start-up; each registration imports a JS function the glue must
// then carry (_embind_register_bool, _integer, _bigint, _float, _std_wstring, _emval, _memory_view).
// bindings.cpp binds only functions of std::string, so std::string is all it needs. This object defines both
// symbols of bind.cpp's object and is linked before libembind, so that object is never pulled in (like
// libc_small.cpp for libc). Compiled with RTTI like bindings.cpp, so the type ids agree.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>

#include <cstring>
#include <string>

extern "C" {
// Called by the glue only to name a type in an "unbound types" error; the glue frees the string.
EMSCRIPTEN_KEEPALIVE const char* __getTypeName(const std::type_info* ti) { return strdup(ti->name()); }

EMSCRIPTEN_KEEPALIVE __attribute__((constructor)) void __embind_register_native_and_builtin_types() {
  using namespace emscripten::internal;
  _embind_register_std_string(TypeID<std::string>::get(), "std::string");
}
}
