// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "aem/AemSnapshot.h"
#include "aem/DetectionRecipe.h"
#include "aem/SnapshotReader.h"
#include "errors/Result.h"

#include <optional>

namespace bp {

// What detection reads, as a pure function of the recipe (and, for the second round, of what the first
// round found).
namespace DetectionReads {
QString cloudConfigs(const DetectionRecipe &recipe);
QString legacyConfigs(const DetectionRecipe &recipe);
QString legacyUsers(const DetectionRecipe &recipe);
QString osgiConfigs(const DetectionRecipe &recipe);
QString agents(const DetectionRecipe &recipe);
// Empty when the recipe names no distribution agent.
QString distributionAgent(const DetectionRecipe &recipe);
QList<SnapshotRead> initial(const DetectionRecipe &recipe);
// The IMS configuration files listed under the OSGi configuration folder.
QList<SnapshotRead> followUps(const DetectionRecipe &recipe, const AemSnapshot &snapshot);
} // namespace DetectionReads

// Pure classifiers over a snapshot: no I/O, no clock, no translation of findings.
namespace InstanceClassifier {
// Whether AEM answered at all (before anything is interpreted): the error to report when it did not (login
// page, 401 everywhere, not AEM, transport failure), nothing when the snapshot can be classified.
std::optional<Error> reachabilityError(const AemSnapshot &snapshot);
// The instance model with its findings. manualVersion is used when no source revealed the version.
AemInstance classify(const AemSnapshot &snapshot, const DetectionRecipe &recipe,
                     const AemVersion &manualVersion = AemVersion());
// Both: the reachability error, or the classified instance.
Result<AemInstance> classifyInstance(const AemSnapshot &snapshot, const DetectionRecipe &recipe,
                                     const AemVersion &manualVersion = AemVersion());
} // namespace InstanceClassifier

} // namespace bp
