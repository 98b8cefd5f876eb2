// The policy reader's plumbing (policy_reader.hpp): containers as a stack of frames, errors kept in text
// order, and the checks that need the whole policy. What each value means is policy_fields.cpp, what each
// container adds when it closes policy_checks.cpp.
#include "policy_reader.hpp"

#include <algorithm>

#include "error_words.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "locales.hpp"

namespace assent {

std::string PolicyReader::here(const Frame& f) {
  return f.path + "/" + (f.is_array ? std::to_string(f.count) : pointer_token(f.key));
}

bool PolicyReader::key(std::string& k) {
  ++seq_;
  Frame& f = stack_[depth_ - 1];
  f.keys.push_back(k);
  f.key_seq.push_back(seq_);
  f.key = std::move(k);
  return true;
}

bool PolicyReader::scalar(Json v) {
  ++seq_;
  if (depth_ == 0) return wrong_type("", "the policy must be a JSON object, not ", v), true;
  Frame& f = stack_[depth_ - 1];
  value(f, v, nullptr);
  ++f.count;
  return true;
}

bool PolicyReader::open(Json container) {
  ++seq_;
  if (depth_ > limits::kNestingDepth) return false;  // json_limits_problem refused such a text already
  Frame& child = stack_[depth_];
  child.reset(container.is_array());
  if (depth_ == 0) {
    child.path.clear();
    if (child.is_array) wrong_type("", "the policy must be a JSON object, not ", container);
    else child.node = Node::Root;
  } else {
    Frame& f = stack_[depth_ - 1];
    value(f, container, &child);
    ++f.count;
  }
  ++depth_;
  return true;
}

bool PolicyReader::close() {
  ++seq_;
  Frame& f = stack_[--depth_];
  if (!f.is_array) duplicates.check(f.keys, f.key_seq, f.path);
  closed(f);
  return true;
}

// At most kErrors + 1 errors are kept: a policy of thousands of mistakes must not make a list of thousands.
// While the text is read they come in text order, so a later one can be dropped; the checks that run
// afterwards (finish) add theirs at their own place in the text.
void PolicyReader::error_at(std::uint32_t seq, std::string path, std::string message) {
  if (errors_.size() > limits::kErrors) {
    more_errors_ = true;
    if (seq >= errors_.back().seq) return;
    errors_.pop_back();
  }
  errors_.push_back(Error{seq, {std::move(path), std::move(message)}});
  for (std::size_t i = errors_.size() - 1; i > 0 && errors_[i - 1].seq > errors_[i].seq; --i) std::swap(errors_[i - 1], errors_[i]);
}

void PolicyReader::finish(std::vector<PolicyError>& out) {
  if (!categories_given_) default_categories();
  check_sale_statement();
  check_service_categories();
  default_texts();
  check_texts();
  bool more = more_errors_ || errors_.size() > limits::kErrors;
  if (errors_.size() > limits::kErrors) errors_.resize(limits::kErrors);
  for (Error& e : errors_) out.push_back(std::move(e.error));
  if (more) out.push_back({"", "more errors follow; fix these first"});
}

// A service names its category by id; one that names none of the policy's categories is left out.
void PolicyReader::check_service_categories() {
  std::vector<Service> kept;
  for (std::size_t i = 0; i < p_.services.size(); ++i) {
    Service& s = p_.services[i];
    if (p_.category(s.category)) {
      kept.push_back(std::move(s));
      continue;
    }
    std::string msg = "unknown category " + show(s.category);
    if (kHints)
      for (const Category& c : p_.categories)
        if (edit_distance(c.id, s.category) <= 2) msg += "; did you mean \"" + c.id + "\"?";
    error_at(pending_services_[i].category_seq, pending_services_[i].path + "/category", msg);
  }
  p_.services = std::move(kept);
}

// The site's statement and its categories must agree: the engine offers "Do Not Sell or Share" exactly for
// the categories marked saleOrSharing, and the cookie section prints the statement.
void PolicyReader::check_sale_statement() {
  if (!p_.sale_or_sharing) return;
  auto marked = std::find_if(p_.categories.begin(), p_.categories.end(), [](const Category& c) { return c.sale_or_sharing; });
  if (!*p_.sale_or_sharing && marked != p_.categories.end())
    error_at(sale_seq_, "/site/saleOrSharing",
             "false states that the site sells or shares no personal information, but category " + show(marked->id) +
                 " is marked saleOrSharing" +
                 (p_.categories_defaulted ? " (the built-in marketing category is, unless \"categories\" says otherwise)" : ""));
  if (*p_.sale_or_sharing && marked == p_.categories.end())
    error_at(sale_seq_, "/site/saleOrSharing",
             "true states that the site sells or shares personal information, but no category is marked "
             "saleOrSharing, so visitors in US states could not opt out");
}

// A text given per language falls back to the policy's default (first) language, then English, then the
// first language given.
void PolicyReader::default_texts() {
  for (Service& s : p_.services) {
    for (LocalText* t : {&s.name, &s.purpose, &s.retention, &s.location}) {
      if (t->by_lang.empty()) continue;
      t->text = t->by_lang.front().second;
      for (const char* want : {p_.languages.front().c_str(), "en"}) {
        auto it = std::find_if(t->by_lang.begin(), t->by_lang.end(), [&](const auto& kv) { return same_tag(kv.first, want); });
        if (it != t->by_lang.end()) {
          t->text = it->second;
          break;
        }
      }
    }
  }
}

// "texts": each language must be one of "languages", each key a text the banner or a category has, and each
// placeholder one that key fills (an unfilled "{vendr}" would reach visitors as written).
void PolicyReader::check_texts() {
  for (PendingLanguage& lang : texts_) {
    if (std::find(p_.languages.begin(), p_.languages.end(), lang.language) == p_.languages.end()) {
      error_at(lang.seq, lang.path, "texts for " + show(lang.language) + ", which is not in \"languages\"");
      continue;
    }
    if (lang.type) {
      error_at(lang.seq, lang.path, std::string("must be an object of text key → text, not ") + lang.type);
      continue;
    }
    TextMap map;
    for (PendingText& t : lang.texts) {
      std::string where = lang.path + "/" + pointer_token(t.key), words;
      seq_ = t.seq;  // the errors below belong where the text is
      if (!is_known_text_key(p_, t.key)) {
        error(where, "unknown text key " + show(t.key));
      } else if (text(t.value, where, words, 0, limits::kTextChars)) {
        if (std::string bad = unknown_placeholder(t.key, words); !bad.empty()) {
          std::string can = placeholders_of(t.key);
          error(where, "unknown placeholder " + bad + (can.empty() ? "; this text has none" : "; this text can use " + can));
        } else {
          map.emplace_back(t.key, words);
        }
      }
    }
    p_.texts.emplace_back(lang.language, std::move(map));
  }
}

PolicyLoad parse_policy(std::string_view text) {
  PolicyLoad out;
  if (std::string problem = json_limits_problem(text, limits::kPolicyBytes, limits::kNestingDepth); !problem.empty()) {
    out.errors.push_back({"", "policy " + problem});
    return out;
  }
  PolicyReader reader(out.policy);
  if (std::string syntax = parse_events(text, reader); !syntax.empty()) {
    out.errors.push_back({"", "policy " + syntax});
  } else if (!reader.duplicates.found.empty()) {
    // Either value could be the intended one: only the duplicates are reported.
    for (const DuplicateKey& d : reader.duplicates.found)
      out.errors.push_back({d.pointer, "duplicate key " + show(d.key) + ": each key may appear only once"});
  } else {
    reader.finish(out.errors);
  }
  return out;
}

}  // namespace assent
