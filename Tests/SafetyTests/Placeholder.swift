// safety test suites
