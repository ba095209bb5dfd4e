bpsetup_add_test(tst_keygen SOURCES tst_keygen.cpp)
