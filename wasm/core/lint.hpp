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
};

std::vector<LintWarning> lint_policy(const Policy& policy);

// Whether some cookie name matches both `*` globs.
bool globs_overlap(const std::string& a, const std::string& b);

}  // namespace assent
