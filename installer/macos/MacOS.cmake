# macOS: bpsetup.app with the Qt frameworks deployed by macdeployqt (through Qt's deployment script), in a
# DMG. Build on a Mac: see installer/README.md. Included from installer/CMakeLists.txt.
set(BPSETUP_BUNDLE_ID "${BPSETUP_APP_ID}")
set_target_properties(bpsetup PROPERTIES
  MACOSX_BUNDLE ON
  MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in
  MACOSX_BUNDLE_BUNDLE_NAME "Brand Portal Setup"
  MACOSX_BUNDLE_GUI_IDENTIFIER "${BPSETUP_BUNDLE_ID}"
  MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
  MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
  MACOSX_BUNDLE_ICON_FILE "bpsetup.icns")
# bpsetup.icns is made on the Mac from the rendered PNGs (iconutil; installer/README.md) and passed in.
if(BPSETUP_MACOS_ICNS)
  target_sources(bpsetup PRIVATE ${BPSETUP_MACOS_ICNS})
  set_source_files_properties(${BPSETUP_MACOS_ICNS} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
endif()
qt_generate_deploy_app_script(TARGET bpsetup FILENAME_VARIABLE bpsetup_deploy_script NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${bpsetup_deploy_script})

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Brand Portal Setup")
