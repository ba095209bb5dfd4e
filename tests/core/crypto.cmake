bpsetup_add_test(tst_crypto SOURCES tst_crypto.cpp LIBS OpenSSL::Crypto)
