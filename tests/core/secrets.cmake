# The keychain tests talk to the real Secret Service (gnome-keyring in .ci/run's dbus-run-session); QtDBus
# drives the lock/unlock of a throw-away collection.
bpsetup_add_test(tst_secretstore SOURCES tst_secretstore.cpp LIBS Qt6::DBus)
