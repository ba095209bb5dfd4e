bpsetup_add_test(tst_simulator SOURCES tst_simulator.cpp LIBS OpenSSL::Crypto)
