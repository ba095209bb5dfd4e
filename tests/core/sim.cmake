bpsetup_add_test(tst_simulator SOURCES tst_simulator.cpp LIBS OpenSSL::Crypto)
bpsetup_add_test(tst_sim_writes SOURCES tst_sim_writes.cpp)
