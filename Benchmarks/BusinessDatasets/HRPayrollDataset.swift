import Foundation

/// `hr_payroll`: a 200-person company's HR system. Employees belong to departments, hold
/// positions, report to a manager (a self-reference), have a salary history, monthly
/// payslips (with overtime in minutes), leave requests and yearly reviews. Primary keys are
/// named `<table>_id` (`employee_id`, `department_id`, …), the other common convention.
enum HRPayrollDataset {
    static let id = "hr_payroll"

    struct Position {
        var title: String
        var family: String
        var grade: Int
        var managerial: Bool
    }

    static let departments: [(name: String, costCenter: String, location: String, budget: Int)] = [
        ("Executive", "CC-100", "Lisbon", 1_200_000), ("Engineering", "CC-200", "Berlin", 9_500_000), ("Sales", "CC-300", "Austin", 4_800_000),
        ("Finance", "CC-400", "Lisbon", 1_600_000), ("Customer Support", "CC-500", "Lisbon", 2_100_000),
        ("Human Resources", "CC-600", "Berlin", 900_000), ("Marketing", "CC-700", "Austin", 1_900_000),
        ("Operations", "CC-800", "Berlin", 1_300_000), ("Legal", "CC-900", "Lisbon", 750_000), ("Research", "CC-950", "Berlin", 400_000),
    ]

    static let positions = [
        Position(title: "Chief Executive Officer", family: "Executive", grade: 8, managerial: true),
        Position(title: "VP Engineering", family: "Engineering", grade: 7, managerial: true),
        Position(title: "VP Sales", family: "Sales", grade: 7, managerial: true),
        Position(title: "Chief Financial Officer", family: "Finance", grade: 7, managerial: true),
        Position(title: "Engineering Manager", family: "Engineering", grade: 5, managerial: true),
        Position(title: "Sales Manager", family: "Sales", grade: 5, managerial: true),
        Position(title: "Support Team Lead", family: "Support", grade: 4, managerial: true),
        Position(title: "Controller", family: "Finance", grade: 5, managerial: true),
        Position(title: "HR Manager", family: "People", grade: 5, managerial: true),
        Position(title: "Marketing Manager", family: "Marketing", grade: 5, managerial: true),
        Position(title: "Operations Manager", family: "Operations", grade: 5, managerial: true),
        Position(title: "General Counsel", family: "Legal", grade: 5, managerial: true),
        Position(title: "Software Engineer", family: "Engineering", grade: 3, managerial: false),
        Position(title: "Senior Software Engineer", family: "Engineering", grade: 4, managerial: false),
        Position(title: "QA Engineer", family: "Engineering", grade: 3, managerial: false),
        Position(title: "Account Executive", family: "Sales", grade: 3, managerial: false),
        Position(title: "Sales Development Representative", family: "Sales", grade: 2, managerial: false),
        Position(title: "Support Agent", family: "Support", grade: 2, managerial: false),
        Position(title: "Marketing Specialist", family: "Marketing", grade: 3, managerial: false),
        Position(title: "Financial Analyst", family: "Finance", grade: 3, managerial: false),
        Position(title: "Accountant", family: "Finance", grade: 3, managerial: false),
        Position(title: "HR Generalist", family: "People", grade: 3, managerial: false),
        Position(title: "Recruiter", family: "People", grade: 3, managerial: false),
        Position(title: "Operations Coordinator", family: "Operations", grade: 2, managerial: false),
        Position(title: "Paralegal", family: "Legal", grade: 2, managerial: false),
        Position(title: "Data Scientist", family: "Engineering", grade: 4, managerial: false),
    ]

    /// Annual salary range per grade, in whole currency units.
    static let gradeRange: [Int: ClosedRange<Int>] = [
        2: 32_000...45_000, 3: 45_000...75_000, 4: 65_000...100_000, 5: 90_000...130_000, 7: 150_000...210_000, 8: 220_000...300_000,
    ]

    struct Employee {
        var id: Int
        var first: String
        var last: String
        var hire: Day
        var termination: Day?
        var department: Int
        var position: Int
        var manager: Int?
        var type: String
        var salaryHistory: [(from: Day, cents: Int, reason: String)] = []

        /// The salary in effect on `day`, in cents.
        func salary(on day: Day) -> Int {
            salaryHistory.last { $0.from <= day }?.cents ?? salaryHistory[0].cents
        }

        func employed(on day: Day) -> Bool { hire <= day && (termination.map { day <= $0 } ?? true) }
    }

    static let lastDay = Day(2025, 12, 31)

    static func make() -> BusinessDatabase {
        var random = BusinessRandom(seed: 0x4852_0001)

        var departmentTable = BusinessTable(
            "departments",
            [
                pk("department_id"), col("department_name", .text), col("cost_center", .text), col("location", .text), col("annual_budget", .money),
            ]
        )
        for (index, department) in departments.enumerated() {
            departmentTable.insert([
                .int(index + 1), .text(department.name), .text(department.costCenter), .text(department.location), .cents(department.budget * 100),
            ])
        }
        var positionTable = BusinessTable(
            "positions",
            [
                pk("position_id"), col("title", .text), col("job_family", .text), col("grade", .integer), col("min_salary", .money),
                col("max_salary", .money), col("is_managerial", .boolean),
            ]
        )
        for (index, position) in positions.enumerated() {
            let range = gradeRange[position.grade]!
            positionTable.insert([
                .int(index + 1), .text(position.title), .text(position.family), .int(position.grade), .cents(range.lowerBound * 100),
                .cents(range.upperBound * 100), .bool(position.managerial),
            ])
        }

        // (first, last, hire, department (1-based), position (1-based), manager)
        let anchors: [(String, String, Day, Int, Int, Int?)] = [
            ("Helena", "Costa", Day(2019, 3, 1), 1, 1, nil), ("Marcus", "Weber", Day(2019, 6, 10), 2, 2, 1),
            ("Sofia", "Lindqvist", Day(2019, 9, 2), 3, 3, 1), ("David", "Okafor", Day(2020, 1, 13), 4, 4, 1),
            ("Priya", "Sharma", Day(2020, 5, 4), 2, 5, 2), ("Tom", "Becker", Day(2021, 2, 15), 2, 5, 2),
            ("Lucia", "Romero", Day(2020, 8, 17), 3, 6, 3), ("Kenji", "Sato", Day(2021, 6, 1), 5, 7, 1),
            ("Ana", "Ribeiro", Day(2021, 9, 13), 2, 14, 5), ("Grace", "Murphy", Day(2020, 11, 2), 4, 8, 4),
            ("Nina", "Haddad", Day(2020, 3, 16), 6, 9, 1), ("Oscar", "Dubois", Day(2021, 4, 12), 7, 10, 1),
            ("Yusuf", "Yilmaz", Day(2020, 10, 5), 8, 11, 1), ("Clara", "Moreau", Day(2022, 1, 10), 9, 12, 1),
            ("Leo", "Quinn", Day(2025, 11, 20), 5, 18, 8),
        ]
        var used = Set(anchors.map { $0.0 + " " + $0.1 })
        var employees: [Employee] = anchors.enumerated().map { index, anchor in
            Employee(
                id: index + 1,
                first: anchor.0,
                last: anchor.1,
                hire: anchor.2,
                termination: nil,
                department: anchor.3,
                position: anchor.4,
                manager: anchor.5,
                type: "full_time"
            )
        }
        // department → (positions, managers)
        let staffing: [Int: ([Int], [Int])] = [
            2: ([13, 13, 14, 15], [5, 6]), 3: ([16, 16, 17], [7]), 4: ([20, 21], [10]), 5: ([18], [8]), 6: ([22, 23], [11]),
            7: ([19], [12]), 8: ([24], [13]), 9: ([25], [14]),
        ]
        var firstNames = Names.first.filter { $0 != "Ana" }
        firstNames.append("Joana")
        while employees.count < 190 {
            let department = random.weighted([(2, 35), (3, 20), (5, 15), (7, 8), (4, 7), (6, 5), (8, 7), (9, 3)])
            let (roles, managers) = staffing[department]!
            let year = random.weighted([(2019, 5), (2020, 10), (2021, 15), (2022, 20), (2023, 20), (2024, 18), (2025, 12)])
            let hire = random.day(Day(year, 1, 1)...min(Day(year, 12, 31), Day(2025, 10, 31)))
            var termination: Day? = nil
            if random.chance(15), hire.advanced(by: 90) < Day(2025, 12, 15) {
                termination = random.day(hire.advanced(by: 90)...Day(2025, 12, 15))
            }
            let first = random.pick(firstNames)
            let last = random.pick(Names.last)
            guard used.insert(first + " " + last).inserted else { continue }
            employees.append(
                Employee(
                    id: employees.count + 1,
                    first: first,
                    last: last,
                    hire: hire,
                    termination: termination,
                    department: department,
                    position: random.pick(roles),
                    manager: random.pick(managers),
                    type: random.weighted([("full_time", 80), ("part_time", 10), ("contractor", 10)])
                )
            )
        }

        // salary histories: a raise (or not) every April after the hire year
        for index in employees.indices {
            let range = gradeRange[positions[employees[index].position - 1].grade]!
            var salary = random.int(range) / 100 * 100
            if employees[index].type == "part_time" { salary = salary * 6 / 10 }
            employees[index].salaryHistory = [(employees[index].hire, salary * 100, "hire")]
            for year in stride(from: employees[index].hire.year + 1, through: 2025, by: 1) {
                let day = Day(year, 4, 1)
                guard employees[index].employed(on: day) else { break }
                let reason = random.weighted([("merit", 75), ("promotion", 7), ("market_adjustment", 8), ("", 10)])
                guard !reason.isEmpty else { continue }
                let percent = reason == "promotion" ? random.int(10...15) : reason == "merit" ? random.int(2...7) : random.int(3...5)
                salary = salary * (100 + percent) / 100
                employees[index].salaryHistory.append((day, salary * 100, reason))
            }
        }

        var employeeTable = BusinessTable(
            "employees",
            [
                pk("employee_id"), col("first_name", .text), col("last_name", .text), col("email", .text), col("hire_date", .date),
                col("termination_date", .date, null: true), fk("department_id", "departments", "department_id"),
                fk("position_id", "positions", "position_id"), fk("manager_id", "employees", "employee_id", null: true),
                col("employment_type", .text), col("city", .text), col("is_remote", .boolean), col("birth_date", .date),
            ]
        )
        for employee in employees {
            let city = random.weighted([("Lisbon", 30), ("Berlin", 25), ("Austin", 20), ("London", 10), ("Porto", 8), ("Munich", 7)])
            employeeTable.insert([
                .int(employee.id), .text(employee.first), .text(employee.last),
                .text(Names.emailPart(employee.first) + "." + Names.emailPart(employee.last) + "@northstar.example"), .date(employee.hire),
                employee.termination.map(BusinessValue.date) ?? .null, .int(employee.department), .int(employee.position),
                employee.manager.map(BusinessValue.int) ?? .null, .text(employee.type), .text(city), .bool(employee.id > 15 && random.chance(30)),
                .date(random.day(Day(1962, 1, 1)...Day(2001, 12, 31))),
            ])
        }

        var salaryTable = BusinessTable(
            "salaries",
            [
                pk("salary_id"), fk("employee_id", "employees", "employee_id"), col("annual_salary", .money), col("effective_from", .date),
                col("effective_to", .date, null: true), col("change_reason", .text),
            ]
        )
        for employee in employees {
            for (index, entry) in employee.salaryHistory.enumerated() {
                let to: Day? =
                    index + 1 < employee.salaryHistory.count ? employee.salaryHistory[index + 1].from.advanced(by: -1) : employee.termination
                salaryTable.insert([
                    .int(salaryTable.rows.count + 1), .int(employee.id), .cents(entry.cents), .date(entry.from), to.map(BusinessValue.date) ?? .null,
                    .text(entry.reason),
                ])
            }
        }

        var payslipTable = BusinessTable(
            "payslips",
            [
                pk("payslip_id"), fk("employee_id", "employees", "employee_id"), col("period_start", .date), col("period_end", .date),
                col("pay_date", .date), col("gross_pay", .money), col("tax_withheld", .money), col("benefits_deduction", .money),
                col("net_pay", .money), col("overtime_minutes", .integer),
            ]
        )
        for monthIndex in 0..<36 {
            let start = Day(2023, 1, 1).addingMonths(monthIndex)
            let end = start.addingMonths(1).advanced(by: -1)
            let middle = start.advanced(by: 14)
            for employee in employees where employee.employed(on: middle) {
                let salary = employee.salary(on: middle)
                let position = positions[employee.position - 1]
                let heavy = employee.department == 5 || employee.department == 8
                let overtime = position.managerial || random.chance(55) ? 0 : random.int(30...(heavy ? 2400 : 1200))
                let gross = salary / 12 + salary * overtime * 3 / (2080 * 60 * 2)
                let rate = employee.type == "contractor" ? 0 : salary < 5_000_000 ? 20 : salary < 9_000_000 ? 28 : salary < 15_000_000 ? 35 : 42
                let tax = gross * rate / 100
                let benefits = employee.type == "full_time" ? 18_000 : employee.type == "part_time" ? 9_000 : 0
                payslipTable.insert([
                    .int(payslipTable.rows.count + 1), .int(employee.id), .date(start), .date(end), .date(start.advanced(by: 24)), .cents(gross),
                    .cents(tax), .cents(benefits), .cents(gross - tax - benefits), .int(overtime),
                ])
            }
        }

        var leaveTable = BusinessTable(
            "leave_requests",
            [
                pk("leave_request_id"), fk("employee_id", "employees", "employee_id"), col("leave_type", .text), col("start_date", .date),
                col("end_date", .date), col("days_requested", .integer), col("status", .text),
                fk("approved_by", "employees", "employee_id", null: true), col("requested_on", .date),
            ]
        )
        var leaves: [(Int, String, Day, Int, String)] = [(9, "vacation", Day(2024, 8, 5), 28, "approved")]
        for employee in employees {
            for year in 2023...2025 {
                for _ in 0..<random.weighted([(0, 20), (1, 30), (2, 30), (3, 15), (4, 5)]) {
                    let start = random.day(Day(year, 1, 2)...Day(year, 12, 20))
                    guard employee.employed(on: start), employee.id != 9 || year != 2024 else { continue }
                    let type = random.weighted([("vacation", 60), ("sick", 28), ("parental", 4), ("unpaid", 8)])
                    let days =
                        type == "vacation"
                        ? random.int(1...10) : type == "sick" ? random.int(1...5) : type == "parental" ? random.int(20...60) : random.int(1...10)
                    let status =
                        start > Day(2025, 12, 1)
                        ? random.weighted([("pending", 60), ("approved", 40)])
                        : random.weighted([("approved", 80), ("rejected", 10), ("cancelled", 7), ("pending", 3)])
                    leaves.append((employee.id, type, start, days, status))
                }
            }
        }
        leaves.sort { ($0.2, $0.0) < ($1.2, $1.0) }
        for (employeeId, type, start, days, status) in leaves {
            let manager = employees[employeeId - 1].manager
            let approver: Int? = status == "approved" || status == "rejected" ? manager : nil
            leaveTable.insert([
                .int(leaveTable.rows.count + 1), .int(employeeId), .text(type), .date(start), .date(start.advanced(by: days - 1)), .int(days),
                .text(status), approver.map(BusinessValue.int) ?? .null, .date(start.advanced(by: -random.int(5...40))),
            ])
        }

        var reviewTable = BusinessTable(
            "performance_reviews",
            [
                pk("review_id"), fk("employee_id", "employees", "employee_id"), fk("reviewer_id", "employees", "employee_id"),
                col("review_year", .integer), col("rating", .integer), col("promotion_recommended", .boolean), col("submitted_on", .date),
            ]
        )
        for year in 2023...2025 {
            for employee in employees where employee.employed(on: Day(year, 12, 1)) && employee.hire < Day(year, 10, 1) {
                guard let manager = employee.manager else { continue }
                let rating = random.weighted([(1, 5), (2, 10), (3, 40), (4, 30), (5, 15)])
                reviewTable.insert([
                    .int(reviewTable.rows.count + 1), .int(employee.id), .int(manager), .int(year), .int(rating),
                    .bool(rating >= 4 && random.chance(30)), .date(random.day(Day(year, 12, 5)...Day(year, 12, 20))),
                ])
            }
        }

        return BusinessDatabase(id: id, tables: [departmentTable, positionTable, employeeTable, salaryTable, payslipTable, leaveTable, reviewTable])
    }
}
