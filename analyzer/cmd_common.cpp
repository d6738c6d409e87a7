#include "analyzer/cmd_common.h"

#include "analyzer/profile_ops.h"

namespace proflens {

Result<Profile> LoadProfiles(const std::vector<std::string>& paths, const ReadOptions& options) {
  std::vector<LoadedProfile> loaded;
  for (const std::string& path : paths) {
    Result<LoadedProfile> one = ReadProfileFile(path, options);
    if (!one.ok()) return one.status();
    loaded.push_back(std::move(one).value());
  }
  if (loaded.size() == 1) return std::move(loaded[0].profile);
  std::vector<const Profile*> profiles;
  for (const LoadedProfile& l : loaded) profiles.push_back(&l.profile);
  return MergeProfiles(profiles, paths);
}

}  // namespace proflens
