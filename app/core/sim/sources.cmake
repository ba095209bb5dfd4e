list(APPEND BPSETUP_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/SimAemHandler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimAemPages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimConnection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimContentBuilder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimHttpParser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimHttpRequest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimHttpResponse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimImsHandler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimNode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimOsgiConfigWriter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimRepository.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimServer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimSlingJson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SimTlsIdentity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Simulator.cpp
)
