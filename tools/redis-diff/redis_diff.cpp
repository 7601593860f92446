#include "bgm/tools/redis_diff.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <sstream>

#include "bgm/common/strings.hpp"

namespace bgm::tools {
namespace {

using db::redis::Reply;

std::string strings_of(const Reply& r, bool sort) {
  std::vector<std::string> items;
  for (const auto& e : r.elements) items.push_back(json_string(e.str));
  if (sort) std::sort(items.begin(), items.end());
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

std::string pairs_of(const Reply& r, bool sort) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i + 1 < r.elements.size(); i += 2) {
    items.push_back(json_string(r.elements[i].str) + "=" + r.elements[i + 1].str);
  }
  if (sort) std::sort(items.begin(), items.end());
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "}";
}

}  // namespace

Result<Snapshot> take_snapshot(db::redis::Client& redis, const std::string& match) {
  std::vector<std::string> keys;
  auto scanned = redis.scan(match, std::nullopt, 1000, [&](const std::vector<std::string>& page) -> Result<void> {
    keys.insert(keys.end(), page.begin(), page.end());
    return {};
  });
  if (!scanned) return scanned.error();
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  std::vector<db::redis::Args> meta;
  for (const auto& k : keys) {
    meta.push_back({"TYPE", k});
    meta.push_back({"PTTL", k});
  }
  auto meta_replies = redis.pipeline(meta);
  if (!meta_replies) return meta_replies.error();

  std::vector<db::redis::Args> reads;
  std::vector<std::string> types;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& type = (*meta_replies)[2 * i].str;
    types.push_back(type);
    const auto& k = keys[i];
    if (type == "string") reads.push_back({"GET", k});
    else if (type == "list") reads.push_back({"LRANGE", k, "0", "-1"});
    else if (type == "set") reads.push_back({"SMEMBERS", k});
    else if (type == "zset") reads.push_back({"ZRANGE", k, "0", "-1", "WITHSCORES"});
    else if (type == "hash") reads.push_back({"HGETALL", k});
    else reads.push_back({"TYPE", k});  // streams and modules: type only
  }
  auto values = redis.pipeline(reads);
  if (!values) return values.error();

  Snapshot snap;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& t = types[i];
    if (t == "none") continue;  // deleted between SCAN and TYPE
    const auto& v = (*values)[i];
    std::string value;
    if (t == "string") value = json_string(v.str);
    else if (t == "list") value = strings_of(v, false);
    else if (t == "set") value = strings_of(v, true);
    else if (t == "zset") value = pairs_of(v, false);
    else if (t == "hash") value = pairs_of(v, true);
    const bool expires = (*meta_replies)[2 * i + 1].integer >= 0;
    snap[keys[i]] = t + " " + (expires ? "ttl" : "persist") + (value.empty() ? "" : " " + value);
  }
  return snap;
}

std::string serialize(const Snapshot& s) {
  std::string out;
  for (const auto& [k, v] : s) out += json_string(k) + "\t" + v + "\n";
  return out;
}

Result<Snapshot> deserialize(const std::string& text) {
  Snapshot s;
  std::istringstream in(text);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    boost::system::error_code ec;
    auto key = tab == std::string::npos ? boost::json::value() : boost::json::parse(line.substr(0, tab), ec);
    if (tab == std::string::npos || ec || !key.is_string()) {
      return invalid_input("snapshot line " + std::to_string(n) + ": expected <json key>\\t<entry>");
    }
    s[std::string(key.as_string())] = line.substr(tab + 1);
  }
  return s;
}

std::vector<std::string> diff(const Snapshot& before, const Snapshot& after) {
  std::vector<std::string> out;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      out.push_back("- " + json_string(b->first) + " " + b->second);
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      out.push_back("+ " + json_string(a->first) + " " + a->second);
      ++a;
    } else {
      if (a->second != b->second) out.push_back("~ " + json_string(a->first) + " " + b->second + " -> " + a->second);
      ++a;
      ++b;
    }
  }
  return out;
}

}  // namespace bgm::tools
