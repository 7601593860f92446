#pragma once
// Redis keyspace snapshots and their diff, for parity checks between the TypeScript
// tasks and this project's (docs/cron.md, "Comparing with TypeScript").

#include <map>
#include <string>
#include <vector>

#include "bgm/common/error.hpp"
#include "bgm/db/redis/client.hpp"

namespace bgm::tools {

// key -> "<type> <ttl|persist> <value>", the value in a canonical text form: strings
// as JSON strings, sets and hashes sorted, sorted sets as member=score in rank order.
using Snapshot = std::map<std::string, std::string>;

Result<Snapshot> take_snapshot(db::redis::Client& redis, const std::string& match = "*");

// One line per key: "<key>\t<entry>", keys escaped as JSON strings (sorted).
std::string serialize(const Snapshot& s);
Result<Snapshot> deserialize(const std::string& text);

// "+ key entry", "- key entry", "~ key old -> new", sorted by key; empty when equal.
std::vector<std::string> diff(const Snapshot& before, const Snapshot& after);

}  // namespace bgm::tools
