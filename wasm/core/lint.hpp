#pragma once
#include <string>
#include <vector>

#include "policy.hpp"

// Warnings beyond validity: things a valid policy can still get wrong about the law or about the site.
namespace assent {

struct LintWarning {
  std::string rule;     // stable id, e.g. "cookie-lifetime"
  std::string path;     // JSON Pointer into the policy
  std::string message;  // what is wrong
  std::string fix;      // what to do about it
  bool error = false;   // a finding that must not be published (lint exits 1 without --strict)
};

std::vector<LintWarning> lint_policy(const Policy& policy);

// Whether a site field still holds a template's placeholder: "[Your Email Address]", "{siteName}",
// "{{site}}", "<your email>", "TODO".
bool looks_like_placeholder(const std::string& value);

// Whether some cookie name matches both `*` globs.
bool globs_overlap(const std::string& a, const std::string& b);

}  // namespace assent
