#pragma once
// The policy reader: nlohmann's SAX events fill the Policy model directly, with no JSON tree in between.
// Each value is checked where it stands in the text (policy_fields.cpp), each container when it closes
// (policy_checks.cpp); what depends on another part of the policy (a service's category, texts per language,
// the sale statement) is checked once the text is read (policy_reader.cpp).
// Errors carry the number of the event that caused them, so the list comes out in text order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_events.hpp"
#include "json_util.hpp"
#include "limits.hpp"
#include "policy.hpp"

namespace assent {

class PolicyReader final : public JsonEvents {
 public:
  explicit PolicyReader(Policy& p) : p_(p) {}

  bool null() override { return scalar(Json()); }
  bool boolean(bool v) override { return scalar(Json(v)); }
  bool number_integer(std::int64_t v) override { return scalar(Json(v)); }
  bool number_unsigned(std::uint64_t v) override { return scalar(Json(v)); }
  bool number_float(double v) override { return scalar(Json(v)); }
  bool string(std::string& v) override { return scalar(Json(std::move(v))); }
  bool start_object() override { return open(Json::object()); }
  bool start_array() override { return open(Json::array()); }
  bool key(std::string& k) override;
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  // After a successful parse: the checks across parts of the policy, then the errors in text order.
  void finish(std::vector<PolicyError>& out);

  DuplicateKeys duplicates;

 private:
  // What a container in the policy is; Skip is one that was refused (or an unknown key's value): it is read
  // only for duplicate keys.
  enum class Node : std::uint8_t {
    Skip, Root, Site, Storage, Categories, Category, Services, Service, LocalText, Location, Cookies, Cookie,
    StringList, Regions, Overrides, Signals, Languages, Texts, TextsLanguage, Ui, Theme, ThemeDark, Csp, Receipts
  };
  // A list of strings, each checked by `problem` ("" when fine).
  using Problem = std::string (*)(std::string_view);

  struct Frame {
    // Frames are reused (a fixed stack, nesting being bounded before parsing): a fresh start keeps the
    // vectors' memory.
    void reset(bool array) {
      node = Node::Skip;
      is_array = array;
      key.clear();
      count = 0;
      seen = 0;
      keys.clear();
      key_seq.clear();
    }
    Node node = Node::Skip;
    bool is_array = false;
    std::string path;          // JSON Pointer
    std::string key;           // objects: the member being read
    std::size_t count = 0;     // members or elements read so far
    std::uint32_t seen = 0;    // objects with fixed keys: one bit per key present (see keys_of)
    std::vector<std::string> keys;      // every key, in text order (duplicates are found when the object closes)
    std::vector<std::uint32_t> key_seq;
    // StringList: the limit, the check and where the strings go; LocalText: where the texts go, their limit.
    std::size_t max = 0;
    Problem problem = nullptr;
    std::vector<std::string>* strings = nullptr;
    LocalText* text = nullptr;
  };

  struct Error {
    std::uint32_t seq;
    PolicyError error;
  };

  // A service whose category is checked when the text is read (the categories may come later).
  struct PendingService {
    std::string path;
    std::uint32_t category_seq;
  };

  // "texts": {language: {key: text}}, checked once "languages" and the categories are known.
  struct PendingText {
    std::string key;
    std::uint32_t seq;
    Json value;  // a container's value is kept as its type only
  };
  struct PendingLanguage {
    std::string language, path;
    std::uint32_t seq;
    const char* type;  // null for an object, else what was given instead (type_name)
    std::vector<PendingText> texts;
  };

  // One service, category and cookie are read at a time: their fields are gathered here until they close.
  struct CategoryDraft {
    std::string id;
    bool id_ok = false;
    std::optional<bool> required, sale_or_sharing;
    bool gcm_given = false;
    std::vector<std::string> gcm;
  };
  struct CookieDraft {
    Json name, days, seconds;
  };

  // The SAX plumbing (policy_reader.cpp).
  bool scalar(Json v);
  bool open(Json container);
  bool close();
  static std::string here(const Frame& f);
  void error(std::string path, std::string message) { error_at(seq_, std::move(path), std::move(message)); }
  void error_at(std::uint32_t seq, std::string path, std::string message);

  // What each value means (policy_fields.cpp): scalars are checked and stored; a container gets its node in `child`.
  void value(Frame& f, Json& v, Frame* child);
  void root_value(int k, Json& v, const std::string& at, Frame* child);
  void service_value(int k, Json& v, const std::string& at, Frame* child);
  void theme_value(int k, Json& v, const std::string& at, Frame* child, Palette& palette);
  void element(Frame& f, Json& v, const std::string& at, Frame* child);
  struct KeyList {
    const char* const* keys;
    std::size_t size;
  };
  static KeyList keys_of(Node n);  // an object's keys (size 0: any key)
  static bool has(const Frame& f, int key) { return f.seen & (1u << key); }
  int known_key(Frame& f, const std::string& at);  // the key's index in keys_of(f.node), or -1 (0 for any key)

  // What a container adds when it closes (policy_checks.cpp).
  void closed(const Frame& f);
  void close_service(const Frame& f);
  void close_category(const Frame& f);
  void close_cookie(const Frame& f);
  void default_categories();

  // Typed values, each error naming the value and its place (policy_checks.cpp).
  void refuse(const std::string& at, std::string_view value, std::string_view why);  // "<value><why>"
  void wrong_type(const std::string& at, const char* expected, const Json& v);       // "<expected><v's type>"
  bool text(const Json& v, const std::string& at, std::string& out, std::size_t min, std::size_t max);
  bool container(const Json& v, const std::string& at, Frame* child, Node node);
  void list(const Json& v, const std::string& at, Frame* child, std::size_t max, Problem problem, std::vector<std::string>* out);
  void page_url(const Json& v, const std::string& at, std::string& out);
  void colour(const Json& v, const std::string& at, std::string& out);
  void flag(const Json& v, const std::string& at, bool& out);
  void choice(const Json& v, const std::string& at, std::string& out, std::initializer_list<const char*> values);
  bool model(const Json& v, const std::string& at, Model& out);
  void local_text(const Json& v, const std::string& at, Frame* child, LocalText& out, std::size_t max);
  void country(const std::string& code, const std::string& at);
  void too_many(const Frame& f, std::size_t max);

  // The checks across parts of the policy (policy_reader.cpp).
  void check_service_categories();
  void check_sale_statement();
  void check_texts();
  void default_texts();

  Policy& p_;
  Frame stack_[limits::kNestingDepth + 1];  // the open containers: stack_[0] the policy, up to depth_
  std::size_t depth_ = 0;
  std::uint32_t seq_ = 0;  // events so far: an error's place in the text
  std::vector<Error> errors_;  // sorted by seq, at most limits::kErrors + 1
  bool more_errors_ = false;
  bool categories_given_ = false;
  std::vector<std::string> languages_;
  std::uint32_t sale_seq_ = 0;
  std::vector<PendingService> pending_services_;  // one per entry of p_.services
  std::vector<PendingLanguage> texts_;
  Service service_;
  bool service_ok_ = false;
  std::uint32_t service_category_seq_ = 0;
  CategoryDraft category_;
  CookieDraft cookie_;
};

}  // namespace assent
