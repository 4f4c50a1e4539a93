import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// Self-references read by their role (`employees.manager_id` is the manager), on the sample.
@Suite struct RoleQuestionTests {
    @Test(arguments: [
        (
            "List the employees and their managers",
            "SELECT e.first_name || ' ' || e.last_name, m.first_name || ' ' || m.last_name FROM employees e LEFT JOIN employees m ON e.manager_id = m.id"
        ),
        (
            "Who is David Okafor's manager?",
            "SELECT m.first_name || ' ' || m.last_name FROM employees e JOIN employees m ON e.manager_id = m.id WHERE e.first_name = 'David' AND e.last_name = 'Okafor'"
        ),
        (
            "Who reports directly to Margaret Chen?",
            "SELECT e.first_name || ' ' || e.last_name FROM employees e JOIN employees m ON e.manager_id = m.id WHERE m.first_name = 'Margaret' AND m.last_name = 'Chen'"
        ),
        (
            "How many employees does each manager have?",
            "SELECT m.first_name || ' ' || m.last_name, count(*) FROM employees e JOIN employees m ON e.manager_id = m.id GROUP BY m.id"
        ),
        (
            "Which employees do not have a manager?",
            "SELECT first_name || ' ' || last_name FROM employees WHERE manager_id IS NULL"
        ),
        (
            "Which employees have a manager?",
            "SELECT first_name || ' ' || last_name FROM employees WHERE manager_id IS NOT NULL"
        ),
        (
            "For every employee who has a manager, show the employee's name and the name of the person they report to.",
            "SELECT e.first_name || ' ' || e.last_name, m.first_name || ' ' || m.last_name FROM employees e JOIN employees m ON e.manager_id = m.id"
        ),
        (
            "Which employees have people reporting directly to them, and how many direct reports does each one have?",
            "SELECT m.first_name || ' ' || m.last_name, count(*) FROM employees e JOIN employees m ON e.manager_id = m.id GROUP BY m.id"
        ),
        (
            "List each employee with their manager, leaving out anyone without a manager.",
            "SELECT e.first_name || ' ' || e.last_name, m.first_name || ' ' || m.last_name FROM employees e JOIN employees m ON e.manager_id = m.id"
        ),
        (
            "Which employees do not report to anyone?",
            "SELECT first_name || ' ' || last_name FROM employees WHERE manager_id IS NULL"
        ),
        (
            "What is the number of employees per manager?",
            "SELECT m.first_name || ' ' || m.last_name, count(*) FROM employees e JOIN employees m ON e.manager_id = m.id GROUP BY m.id"
        ),
    ])
    func rolesOfASelfReference(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: QueryHarness.tenant, logger: harness.logger)
        let result = try #require(answer.result)
        #expect(result.success, "\(answer.generation.sql)")
        let expected = try await harness.direct(gold, sourceId: source)
        #expect(!expected.rows.isEmpty)
        let rows = result.data.map { row in result.columns.map { row[$0] ?? .null } }
        #expect(ResultComparer.matches(predicted: rows, gold: expected.rows, ordered: false), "\(answer.generation.sql)")
        #expect(answer.generation.explanation.contains("role"), "\(answer.generation.explanation)")
    }

    /// A role word inside a value ("the title Regional Sales Manager") or a reporting verb with
    /// a value of another column ("in the Europe region work for us") is a filter, not a role;
    /// a possessive name asks for the column after it.
    @Test(arguments: [
        ("How many employees have the title Regional Sales Manager?", "SELECT count(*) FROM employees WHERE title = 'Regional Sales Manager'"),
        ("How many employees in the Europe region work for us?", "SELECT count(*) FROM employees WHERE region = 'Europe'"),
        ("What is Emma Smith's email?", "SELECT email FROM customers WHERE first_name = 'Emma' AND last_name = 'Smith'"),
    ])
    func filtersThatLookLikeRoles(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let (answer, matches) = try await harness.check(question, against: gold, sourceId: try await harness.registerSample())
        #expect(matches, "\(answer.generation.sql)")
        #expect(!answer.generation.explanation.contains("a role"), "\(answer.generation.explanation)")
    }
}
