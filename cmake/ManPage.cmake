# Writes the bpsetup(1) man page from the CLI's own help, so the page can never disagree with the tool.
#   cmake -DBPSETUP_EXE=path/to/bpsetup -DVERSION=x.y.z -DOUT=bpsetup.1 -P ManPage.cmake
# Every command listed under "Commands:" in `bpsetup --help` gets its section from `bpsetup COMMAND --help`.
foreach(var BPSETUP_EXE VERSION OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ManPage.cmake needs -D${var}=…")
  endif()
endforeach()

function(bpsetup_help out_var)
  # English whatever the build machine's locale; no display is needed for help.
  execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0
                          ${BPSETUP_EXE} --lang en ${ARGN}
                  OUTPUT_VARIABLE text ERROR_VARIABLE errors RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR text STREQUAL "")
    message(FATAL_ERROR "bpsetup ${ARGN} failed (${rc}): ${errors}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# roff: a backslash is \e, a line starting with . or ' is protected by \&, and - is \- (a real minus, so
# options can be searched and copied).
function(roff_escape out_var text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

bpsetup_help(main --help)
string(REGEX MATCH "Commands:\n(.*)\n\n" commands_block "${main}")
string(REGEX MATCHALL "\n  [a-z]+ " command_lines "\n${CMAKE_MATCH_1}")
set(commands "")
foreach(line IN LISTS command_lines)
  string(STRIP "${line}" name)
  list(APPEND commands "${name}")
endforeach()
if(commands STREQUAL "")
  message(FATAL_ERROR "no commands found in bpsetup --help")
endif()

# string(TIMESTAMP) honours SOURCE_DATE_EPOCH (reproducible builds).
string(TIMESTAMP date "%Y-%m-%d" UTC)
roff_escape(main_roff "${main}")
set(page ".TH BPSETUP 1 \"${date}\" \"bpsetup ${VERSION}\" \"User Commands\"
.SH NAME
bpsetup \\- connect Adobe Experience Manager Assets to Adobe Brand Portal and diagnose existing connections
.SH SYNOPSIS
.B bpsetup
[\\fB\\-\\-demo\\fR] [\\fB\\-\\-lang\\fR \\fICODE\\fR]
.br
.B bpsetup
\\fICOMMAND\\fR [\\fIoptions\\fR]
.SH DESCRIPTION
Without a command, \\fBbpsetup\\fR opens the setup wizard; with one, it runs headless on the same core.
Secrets (client secrets, private keys, passphrases, AEM passwords) are kept only in the system keychain and
never written to files, logs or reports.
.PP
.nf
${main_roff}.fi
.SH COMMANDS
")
foreach(command IN LISTS commands)
  bpsetup_help(help ${command} --help)
  roff_escape(help_roff "${help}")
  string(APPEND page ".SS ${command}\n.nf\n${help_roff}.fi\n")
endforeach()
string(APPEND page ".SH FILES
.TP
.I ~/.config/bpsetup/
Profiles (profiles.json, without secrets) and trusted certificates (trusted-certificates.json);
\\fB$BPSETUP_CONFIG_DIR\\fR overrides the folder.
.TP
.I ~/.local/share/bpsetup/
Backups made before each change, and the activity log (logs/bpsetup.log); \\fB$BPSETUP_DATA_DIR\\fR overrides the folder.
.SH SEE ALSO
.ad l
Adobe Experience League: Configure AEM Assets with Brand Portal,
https://experienceleague.adobe.com/en/docs/experience-manager-brand-portal/using/publish/configure-aem-assets-with-brand-portal
")
file(WRITE "${OUT}" "${page}")
