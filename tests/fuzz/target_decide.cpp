// decide/choose on "<context JSON>\n<action JSON>" (the action part optional) against the fixed policies.
// Properties: the output is a JSON object with exactly one of a decision or an error; a decision never
// grants consent that was not given (opt-in without a valid record); a fresh choice yields a valid record
// that survives parsing.
#include "decision.hpp"
#include "targets.hpp"

namespace assent_fuzz {

namespace {
constexpr const char* kName = "decide";

void check_decision(const nlohmann::json& d, const assent::Policy& p, std::string_view input) {
  ASSENT_FUZZ_CHECK(kName, d.contains("showBanner") && d["showBanner"].is_boolean(), "decision without showBanner", input);
  bool offered = false;
  for (const auto& l : p.languages) offered = offered || d["language"] == l;
  ASSENT_FUZZ_CHECK(kName, offered, "decision language " + d["language"].dump() + " is not offered", input);
  bool valid_record = d["record"]["valid"] == true;
  for (const auto& c : d["categories"]) {
    if (c["locked"] == true) ASSENT_FUZZ_CHECK(kName, c["granted"] == true, "a required category was denied", input);
    // Fail closed: under opt-in nothing optional is on before a choice (the UK statistics exception aside).
    if (d["model"] == "opt-in" && !valid_record && c["locked"] == false)
      ASSENT_FUZZ_CHECK(kName, c["granted"] == false || c["reason"] == "uk-statistics-exception",
                        "opt-in granted " + c["id"].dump() + " without a valid record", input);
  }
}

// Exactly one of {error} / {expected key}.
bool is_error(const nlohmann::json& j, const char* ok_key, std::string_view input) {
  bool err = j.contains("error"), ok = j.contains(ok_key);
  ASSENT_FUZZ_CHECK(kName, err != ok, std::string("output has ") + (err ? "both an error and " : "neither an error nor ") + ok_key, input);
  if (err)
    ASSENT_FUZZ_CHECK(kName, j["error"]["code"].is_string() && j["error"]["message"].is_string() && !j["error"]["message"].get<std::string>().empty(),
                      "error without code/message: " + j.dump().substr(0, 200), input);
  return err;
}
}  // namespace

void decide(std::string_view data) {
  std::size_t nl = data.find('\n');
  std::string_view context = data.substr(0, nl);
  for (const assent::Policy* p : {&rich_policy(), &opt_out_policy()}) {
    nlohmann::json d = must_parse(kName, assent::decide_json(*p, context), data);
    if (!is_error(d, "showBanner", data)) check_decision(d, *p, data);
    if (nl == std::string_view::npos) continue;

    nlohmann::json c = must_parse(kName, assent::choose_json(*p, context, data.substr(nl + 1)), data);
    if (is_error(c, "record", data)) continue;
    ASSENT_FUZZ_CHECK(kName, !d.contains("error"), "choose accepted a context decide refused", data);
    check_decision(c["decision"], *p, data);
    ASSENT_FUZZ_CHECK(kName, c["decision"]["record"]["valid"] == true && c["decision"]["showBanner"] == false,
                      "a fresh choice did not give a valid record: " + c["decision"]["record"].dump(), data);
    // The new record parses back to what was chosen, and re-encodes to the same text.
    std::string text = c["record"].get<std::string>();
    assent::RecordCheck r = assent::check_record(text, *p, c["decision"]["record"]["timestamp"].get<std::int64_t>(), 395);
    ASSENT_FUZZ_CHECK(kName, r.valid && assent::encode_record(r.record) == text, "record " + text + " does not round-trip", data);
  }
}

}  // namespace assent_fuzz
