// wasm build only: small replacements for two libc functions whose musl versions dominate the engine's
// libc bytes. Linked before libc, so musl's objects are never pulled in.
//
// strtod: musl's parses through long double and pulls ~8 KB of soft-float code (__multf3, __divtf3 …).
// nlohmann has already checked the number's syntax before it calls strtod. Every policy and context
// number the engine accepts is an integer (those never reach strtod); fractional values are only parsed
// to be rejected, so last-digit rounding differences from a correctly rounded strtod do not matter.
#include <cstdarg>
#include <cstddef>
#include <cstdlib>

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

extern "C" double strtod(const char* s, char** end) {
  const char* p = s;
  bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  double value = 0;
  int exp10 = 0;
  for (; digit(*p); ++p) {
    if (value < 1e300) value = value * 10 + (*p - '0');
    else ++exp10;
  }
  if (*p == '.') {
    for (++p; digit(*p); ++p) {
      if (value < 1e300) value = value * 10 + (*p - '0'), --exp10;
    }
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    bool neg_exp = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    int e = 0;
    for (; digit(*p); ++p)
      if (e < 100000) e = e * 10 + (*p - '0');
    exp10 += neg_exp ? -e : e;
  }
  double scale = 1, base = 10;
  for (int n = exp10 < 0 ? -exp10 : exp10; n; n >>= 1, base *= base)
    if (n & 1) scale *= base;
  value = exp10 < 0 ? value / scale : value * scale;
  if (end) *end = const_cast<char*>(p);
  return negative ? -value : value;
}

// musl defines these three in one object; defining all of them keeps that object (and soft-float) out.
extern "C" float strtof(const char* s, char** end) { return static_cast<float>(strtod(s, end)); }
extern "C" long double strtold(const char* s, char** end) { return strtod(s, end); }

// snprintf: nlohmann calls it only to write "\u%04x" escapes and "<U+%.4X>" in parse errors; musl's pulls in
// the whole printf engine with floating point (~7 KB). This one handles %%, %s, %c and integer conversions
// (d i u x X) with '0' padding, width and precision: everything a caller in the engine uses.
extern "C" int snprintf(char* out, std::size_t size, const char* fmt, ...) {
  std::va_list args;
  va_start(args, fmt);
  std::size_t n = 0;
  auto put = [&](char c) {
    if (n + 1 < size) out[n] = c;
    ++n;
  };
  for (const char* f = fmt; *f; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    ++f;
    bool zero = false;
    for (; *f == '0' || *f == '-' || *f == '+' || *f == ' ' || *f == '#'; ++f) zero = zero || *f == '0';
    int width = 0, precision = -1;
    for (; digit(*f); ++f) width = width * 10 + (*f - '0');
    if (*f == '.')
      for (precision = 0, ++f; digit(*f); ++f) precision = precision * 10 + (*f - '0');
    while (*f == 'l' || *f == 'h' || *f == 'z') ++f;
    char c = *f;
    if (c == 0) break;
    if (c == '%') {
      put('%');
    } else if (c == 'c') {
      put(static_cast<char>(va_arg(args, int)));
    } else if (c == 's') {
      for (const char* s = va_arg(args, const char*); s && *s; ++s) put(*s);
    } else if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X') {
      unsigned base = (c == 'x' || c == 'X') ? 16 : 10;
      unsigned long long v;
      bool negative = false;
      if (c == 'd' || c == 'i') {
        long long sv = va_arg(args, int);
        negative = sv < 0;
        v = static_cast<unsigned long long>(negative ? -sv : sv);
      } else {
        v = va_arg(args, unsigned);
      }
      const char* digits = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
      char buf[24];
      int len = 0;
      do buf[len++] = digits[v % base]; while ((v /= base) != 0);
      int min_digits = precision >= 0 ? precision : (zero ? width - negative : 1);
      while (len < min_digits && len < 22) buf[len++] = '0';
      if (negative) buf[len++] = '-';
      for (int pad = width - len; pad > 0; --pad) put(' ');
      while (len) put(buf[--len]);
    }
  }
  if (size) out[n < size ? n : size - 1] = 0;
  va_end(args);
  return static_cast<int>(n);
}
