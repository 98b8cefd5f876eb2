#pragma once
// The policy's "services": each service's fields read and checked (id, category, per-language texts, cookies
// with their lifetimes, storage keys, script patterns, countries), every problem collected with its JSON Pointer.
// Part of the validator (policy_parse.cpp), which calls it after the categories are known.
#include <vector>

#include "json_util.hpp"
#include "policy.hpp"

namespace assent {
// Appends each valid service to p.services; a service with a broken id or category is left out.
void read_services(const Json& root, Policy& p, std::vector<PolicyError>& errors);
}  // namespace assent
