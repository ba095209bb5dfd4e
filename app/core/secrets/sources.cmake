list(APPEND BPSETUP_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/SecretString.h
  ${CMAKE_CURRENT_LIST_DIR}/SecretStore.h
  ${CMAKE_CURRENT_LIST_DIR}/SecretStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SecretChunker.h
  ${CMAKE_CURRENT_LIST_DIR}/SecretChunker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SecretMessages.h
  ${CMAKE_CURRENT_LIST_DIR}/SecretMessages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TimedSecretJob.h
  ${CMAKE_CURRENT_LIST_DIR}/TimedSecretJob.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KeyringProbe.h
  ${CMAKE_CURRENT_LIST_DIR}/KeyringProbe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.h
  ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.h
  ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.cpp
)
