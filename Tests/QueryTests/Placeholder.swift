// query test suites
