list(APPEND BPSETUP_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/OpenSslHandles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PrivateKey.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../ims/ServiceAccountJwt.cpp
)
