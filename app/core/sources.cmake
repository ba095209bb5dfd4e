list(APPEND BPSETUP_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/errors/Error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aem/AemVersion.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aem/AemInstance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aem/AemParsers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aem/DetectionRecipe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aem/InstanceDetector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/NetworkSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/CertificateInfo.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/TrustStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/HttpClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/setup/RouteSelector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/setup/SetupState.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credentials/Credential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credentials/CredentialImporter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ims/ImsValidator.cpp
)
