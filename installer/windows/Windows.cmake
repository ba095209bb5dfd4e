# Windows: an NSIS installer (CPack) with the Qt runtime deployed by windeployqt (through Qt's deployment
# script). Build on Windows: see installer/README.md. Included from installer/CMakeLists.txt.
qt_generate_deploy_app_script(TARGET bpsetup FILENAME_VARIABLE bpsetup_deploy_script NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${bpsetup_deploy_script})
# QtKeychain's DLL is not a Qt module, so windeployqt does not copy it.
install(FILES $<TARGET_FILE:qt6keychain> DESTINATION bin)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/bpsetup.ico DESTINATION .)

set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_NSIS_PACKAGE_NAME "Brand Portal Setup")
set(CPACK_NSIS_DISPLAY_NAME "Brand Portal Setup")
set(CPACK_NSIS_MUI_ICON ${CMAKE_CURRENT_BINARY_DIR}/bpsetup.ico)
set(CPACK_NSIS_MUI_UNIICON ${CMAKE_CURRENT_BINARY_DIR}/bpsetup.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\bpsetup.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# The CLI is used from scripts and CI runners: offer to put bin\ on PATH.
set(CPACK_NSIS_MODIFY_PATH ON)
# Start menu entry (CPACK_PACKAGE_EXECUTABLES) runs the wizard.
