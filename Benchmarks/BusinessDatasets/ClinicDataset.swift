import Foundation

/// `clinic`: a multi-specialty outpatient clinic. Patients (with an optional primary doctor
/// and insurer) book appointments with doctors; completed appointments get treatments (from
/// a procedure catalogue), prescriptions and one invoice split between insurer and patient.
/// Durations are in minutes.
enum ClinicDataset {
    static let id = "clinic"

    static let doctors: [(first: String, last: String, specialty: String, fee: Int, hired: Day, accepting: Bool)] = [
        ("Maria", "Gonzalez", "General Practice", 80, Day(2012, 9, 1), true), ("James", "Whitaker", "Cardiology", 180, Day(2015, 2, 16), true),
        ("Aiko", "Tanaka", "Dermatology", 140, Day(2017, 6, 5), true), ("Samuel", "Osei", "Pediatrics", 95, Day(2016, 1, 11), true),
        ("Laura", "Bianchi", "General Practice", 82, Day(2018, 3, 19), true), ("Henrik", "Dahl", "Orthopedics", 160, Day(2019, 10, 7), true),
        ("Fatima", "Zahra", "Gynecology", 150, Day(2020, 4, 20), true), ("Peter", "Novak", "Neurology", 190, Day(2014, 8, 25), false),
        ("Chloe", "Martin", "General Practice", 85, Day(2021, 1, 4), true), ("Rahul", "Mehta", "Cardiology", 175, Day(2022, 5, 2), false),
        ("Olga", "Petrova", "Psychiatry", 170, Day(2019, 2, 11), true), ("Daniel", "Brooks", "Pediatrics", 98, Day(2023, 3, 6), true),
        ("Ines", "Carvalho", "Dermatology", 135, Day(2025, 10, 1), true), ("Victor", "Lemaire", "Ophthalmology", 155, Day(2018, 11, 12), true),
    ]

    static let procedures: [(code: String, name: String, category: String, price: Int, minutes: Int, specialties: [String])] = [
        ("ECG-01", "Electrocardiogram", "Diagnostics", 65, 15, ["General Practice", "Cardiology"]),
        ("BLD-01", "Full blood count", "Laboratory", 35, 10, ["General Practice", "Pediatrics", "Cardiology"]),
        ("BLD-02", "Lipid panel", "Laboratory", 45, 10, ["General Practice", "Cardiology"]),
        ("BLD-03", "HbA1c test", "Laboratory", 40, 10, ["General Practice"]),
        ("XR-01", "X-ray, single view", "Imaging", 90, 20, ["Orthopedics", "General Practice"]),
        ("US-01", "Abdominal ultrasound", "Imaging", 150, 30, ["General Practice"]),
        ("MRI-01", "MRI of the knee", "Imaging", 420, 45, ["Orthopedics"]),
        ("DRM-01", "Skin biopsy", "Minor surgery", 210, 30, ["Dermatology"]),
        ("DRM-02", "Cryotherapy", "Minor surgery", 95, 15, ["Dermatology"]),
        ("DRM-03", "Mole removal", "Minor surgery", 180, 30, ["Dermatology"]),
        ("VAC-01", "Flu vaccine", "Vaccination", 25, 5, ["General Practice", "Pediatrics"]),
        ("VAC-02", "Tetanus booster", "Vaccination", 30, 5, ["General Practice", "Pediatrics"]),
        ("VAC-03", "HPV vaccine", "Vaccination", 120, 5, ["Pediatrics", "Gynecology"]),
        ("PHY-01", "Physiotherapy session", "Therapy", 70, 45, ["Orthopedics"]),
        ("ORT-01", "Joint injection", "Therapy", 130, 20, ["Orthopedics"]),
        ("ORT-02", "Cast application", "Minor surgery", 160, 40, ["Orthopedics"]),
        ("CAR-01", "Echocardiogram", "Imaging", 320, 40, ["Cardiology"]),
        ("CAR-02", "Exercise stress test", "Diagnostics", 260, 45, ["Cardiology"]),
        ("CAR-03", "Holter monitor", "Diagnostics", 180, 15, ["Cardiology"]),
        ("NEU-01", "Electroencephalogram", "Diagnostics", 240, 60, ["Neurology"]),
        ("GYN-01", "Cervical smear", "Laboratory", 60, 15, ["Gynecology"]),
        ("GYN-02", "Pelvic ultrasound", "Imaging", 160, 30, ["Gynecology"]),
        ("PED-01", "Growth assessment", "Diagnostics", 50, 20, ["Pediatrics"]),
        ("PSY-01", "Psychotherapy session", "Therapy", 150, 50, ["Psychiatry"]),
        ("OPH-01", "Eye examination", "Diagnostics", 75, 20, ["Ophthalmology"]),
        ("OPH-02", "Retinal scan", "Imaging", 140, 20, ["Ophthalmology"]),
        ("ALL-01", "Allergy skin test", "Laboratory", 110, 30, ["Dermatology", "Pediatrics"]),
        ("SUT-01", "Wound suturing", "Minor surgery", 140, 30, ["General Practice", "Orthopedics"]),
    ]

    static let medications: [(name: String, form: String, strength: String, controlled: Bool, cost: Int, specialties: [String])] = [
        ("Amoxicillin", "capsule", "500 mg", false, 35, ["General Practice", "Pediatrics"]),
        ("Ibuprofen", "tablet", "400 mg", false, 8, ["General Practice", "Orthopedics", "Pediatrics"]),
        ("Paracetamol", "tablet", "500 mg", false, 5, ["General Practice", "Pediatrics"]),
        ("Atorvastatin", "tablet", "20 mg", false, 22, ["Cardiology", "General Practice"]),
        ("Bisoprolol", "tablet", "5 mg", false, 18, ["Cardiology"]),
        ("Ramipril", "capsule", "5 mg", false, 15, ["Cardiology"]),
        ("Apixaban", "tablet", "5 mg", false, 95, ["Cardiology"]),
        ("Metformin", "tablet", "850 mg", false, 12, ["General Practice"]),
        ("Hydrocortisone cream", "cream", "1%", false, 14, ["Dermatology"]),
        ("Isotretinoin", "capsule", "20 mg", false, 110, ["Dermatology"]),
        ("Tretinoin gel", "gel", "0.025%", false, 48, ["Dermatology"]),
        ("Salbutamol inhaler", "inhaler", "100 mcg", false, 20, ["General Practice", "Pediatrics"]),
        ("Amoxicillin suspension", "syrup", "250 mg/5 ml", false, 16, ["Pediatrics"]),
        ("Sertraline", "tablet", "50 mg", false, 25, ["Psychiatry"]),
        ("Diazepam", "tablet", "5 mg", true, 10, ["Psychiatry", "Neurology"]),
        ("Methylphenidate", "tablet", "10 mg", true, 60, ["Psychiatry"]),
        ("Tramadol", "capsule", "50 mg", true, 30, ["Orthopedics"]),
        ("Levetiracetam", "tablet", "500 mg", false, 55, ["Neurology"]),
        ("Gabapentin", "capsule", "300 mg", true, 28, ["Neurology"]),
        ("Latanoprost eye drops", "drops", "0.005%", false, 32, ["Ophthalmology"]),
        ("Chloramphenicol eye drops", "drops", "0.5%", false, 9, ["Ophthalmology"]),
        ("Norethisterone", "tablet", "5 mg", false, 19, ["Gynecology"]),
        ("Morphine sulfate", "injection", "10 mg/ml", true, 42, []),
        ("Insulin glargine", "injection", "100 units/ml", false, 75, []),
        ("Omeprazole", "capsule", "20 mg", false, 11, ["General Practice"]),
    ]

    static let insurers: [(String?, Int)] = [
        (nil, 18), ("HealthFirst", 30), ("Meridian Care", 25), ("Unity Health", 15), ("NorthStar Assurance", 12),
    ]
    static let coverage: [String: Int] = ["HealthFirst": 80, "Meridian Care": 70, "Unity Health": 90, "NorthStar Assurance": 60]
    static let today = Day(2025, 12, 15)
    static let lastDay = Day(2025, 12, 31)

    struct Patient {
        var id: Int
        var born: Day
        var registered: Day
        var insurer: String?
        var primary: Int?
    }

    static func make() -> BusinessDatabase {
        var random = BusinessRandom(seed: 0xC11_71C5)

        var doctorTable = BusinessTable(
            "doctors",
            [
                pk(), col("first_name", .text), col("last_name", .text), col("specialty", .text), col("license_number", .text),
                col("hired_on", .date), col("consultation_fee", .money), col("is_accepting_patients", .boolean),
            ]
        )
        for (index, d) in doctors.enumerated() {
            doctorTable.insert([
                .int(index + 1), .text(d.first), .text(d.last), .text(d.specialty), .text("GMC-" + String(4_100_000 + index * 7919)),
                .date(d.hired), .cents(d.fee * 100), .bool(d.accepting),
            ])
        }
        let doctorsBySpecialty = Dictionary(grouping: doctors.indices.map { $0 + 1 }, by: { doctors[$0 - 1].specialty })

        // patients
        var patientTable = BusinessTable(
            "patients",
            [
                pk(), col("first_name", .text), col("last_name", .text), col("date_of_birth", .date), col("sex", .text), col("city", .text),
                col("insurance_provider", .text, null: true), col("registered_on", .date), fk("primary_doctor_id", "doctors", null: true),
                col("email", .text, null: true), col("phone", .text),
            ]
        )
        let cities: [(String, Int)] = [("Leeds", 35), ("York", 20), ("Harrogate", 15), ("Wakefield", 15), ("Bradford", 15)]
        var used: Set<String> = ["John Carter", "Emily Clarke", "Margaret Hill"]
        var patients: [Patient] = []
        for index in 0..<600 {
            var first: String
            var last: String
            var born: Day
            var sex: String
            var city: String
            var registered: Day
            var insurer: String?
            var primary: Int?
            switch index {
            case 0:
                (first, last, born, sex, city, registered, insurer, primary) = (
                    "John", "Carter", Day(1958, 4, 12), "M", "Leeds", Day(2019, 5, 2), "HealthFirst", 5
                )
            case 1:
                (first, last, born, sex, city, registered, insurer, primary) = (
                    "Emily", "Clarke", Day(1990, 7, 23), "F", "York", Day(2019, 8, 14), "Unity Health", 1
                )
            case 2:
                (first, last, born, sex, city, registered, insurer, primary) = (
                    "Margaret", "Hill", Day(1931, 2, 11), "F", "Harrogate", Day(2018, 2, 5), nil, 9
                )
            default:
                let name = Names.person(&random, used: &used)
                (first, last) = (name.first, name.last)
                born = random.day(Day(1936, 1, 1)...Day(2024, 6, 30))
                sex = random.chance(52) ? "F" : "M"
                city = random.weighted(cities)
                registered = max(born, random.day(Day(2018, 1, 1)...Day(2025, 11, 30)))
                insurer = random.weighted(insurers)
                let child = born > Day(2007, 12, 31)
                primary = random.chance(10) ? nil : child ? random.pick([4, 12]) : random.pick([1, 5, 9])
            }
            patients.append(Patient(id: index + 1, born: born, registered: registered, insurer: insurer, primary: primary))
            let email: BusinessValue = random.chance(25) ? .null : .text(Names.emailPart(first) + "." + Names.emailPart(last) + "@mailbox.example")
            patientTable.insert([
                .int(index + 1), .text(first), .text(last), .date(born), .text(sex), .text(city), insurer.map(BusinessValue.text) ?? .null,
                .date(registered), primary.map(BusinessValue.int) ?? .null, email, .text("07" + pad(random.int(0...999_999_999), 9)),
            ])
        }

        // appointments: weekdays 08:00–17:30 in 15-minute slots
        struct Visit {
            var patient: Int
            var doctor: Int
            var at: Moment
            var minutes: Int
            var type: String
            var status: String
        }
        var visits: [Visit] = []
        func slot(_ day: Day) -> Moment {
            var day = day
            while day.weekday >= 5 { day = day.advanced(by: 1) }
            return Moment(day: day, seconds: 8 * 3600 + random.int(0...38) * 900)
        }
        func duration(_ type: String) -> Int {
            switch type {
            case "checkup": return random.pick([20, 30])
            case "follow_up": return random.pick([15, 20])
            case "consultation": return random.pick([30, 45, 60])
            case "emergency": return random.pick([30, 45, 60, 90])
            default: return random.pick([15, 20, 30])
            }
        }
        // John Carter: a cardiac patient seen often by Dr. Whitaker and his GP.
        for month in 0..<36 {
            let at = slot(Day(2023, 1, 9).addingMonths(month))
            let type = month % 6 == 0 ? "consultation" : "follow_up"
            visits.append(
                Visit(
                    patient: 1,
                    doctor: month % 3 == 0 ? 2 : 5,
                    at: at,
                    minutes: duration(type),
                    type: type,
                    status: at.day > today ? "scheduled" : "completed"
                )
            )
        }
        while visits.count < 3000 {
            let day = random.day(Day(2023, 1, 2)...lastDay)
            let patient = patients[random.int(1...(patients.count - 1))]
            guard patient.registered <= day else { continue }
            let child = patient.born > day.addingMonths(-18 * 12)
            var doctor: Int
            if let primary = patient.primary, random.chance(50) {
                doctor = primary
            } else if child {
                doctor = random.pick(doctorsBySpecialty["Pediatrics"]! + [3, 14])
            } else {
                doctor = random.int(1...doctors.count)
                if [4, 12].contains(doctor) { doctor = 1 }
            }
            guard doctors[doctor - 1].hired <= day, doctor != 13 else { continue }
            let type = random.weighted([("checkup", 30), ("follow_up", 30), ("consultation", 25), ("emergency", 5), ("telehealth", 10)])
            let at = slot(day)
            let noShowRisk = patient.id % 29 == 0 ? 40 : 8
            let status =
                at.day > today
                ? "scheduled"
                : random.weighted([("no_show", noShowRisk), ("cancelled", 9), ("completed", 100 - 9 - noShowRisk)])
            visits.append(Visit(patient: patient.id, doctor: doctor, at: at, minutes: duration(type), type: type, status: status))
        }
        visits.sort { ($0.at, $0.patient) < ($1.at, $1.patient) }

        var appointmentTable = BusinessTable(
            "appointments",
            [
                pk(), fk("patient_id", "patients"), fk("doctor_id", "doctors"), col("scheduled_at", .timestamp), col("duration_minutes", .integer),
                col("status", .text), col("visit_type", .text), col("is_first_visit", .boolean), col("room", .text, null: true),
            ]
        )
        var treatmentTable = BusinessTable(
            "treatments",
            [
                pk(), fk("appointment_id", "appointments"), fk("procedure_id", "procedures"), col("quantity", .integer), col("unit_price", .money),
                col("notes", .text, null: true),
            ]
        )
        var prescriptionTable = BusinessTable(
            "prescriptions",
            [
                pk(), fk("appointment_id", "appointments"), fk("medication_id", "medications"), col("dosage", .text), col("days_supply", .integer),
                col("refills", .integer), col("prescribed_on", .date),
            ]
        )
        var invoiceTable = BusinessTable(
            "invoices",
            [
                pk(), fk("patient_id", "patients"), fk("appointment_id", "appointments"), col("issued_on", .date), col("total_amount", .money),
                col("insurance_covered", .money), col("patient_due", .money), col("status", .text), col("paid_on", .date, null: true),
            ]
        )
        var seenPairs: Set<[Int]> = []
        let homeRoom = [1, 2, 3, 4, 1, 5, 6, 7, 8, 2, 9, 4, 3, 10]
        for (index, visit) in visits.enumerated() {
            let id = index + 1
            let first = seenPairs.insert([visit.patient, visit.doctor]).inserted
            let room: BusinessValue =
                visit.type == "telehealth" ? .null : .text("Room " + String(random.chance(85) ? homeRoom[visit.doctor - 1] : random.int(1...10)))
            appointmentTable.insert([
                .int(id), .int(visit.patient), .int(visit.doctor), .timestamp(visit.at), .int(visit.minutes), .text(visit.status), .text(visit.type),
                .bool(first), room,
            ])
            guard visit.status == "completed" else { continue }
            let specialty = doctors[visit.doctor - 1].specialty
            var total = doctors[visit.doctor - 1].fee * 100
            let options = procedures.indices.filter { procedures[$0].specialties.contains(specialty) }
            let count = visit.type == "telehealth" ? 0 : random.weighted([(0, 35), (1, 40), (2, 18), (3, 7)])
            var done: Set<Int> = []
            for _ in 0..<count {
                let procedure = random.pick(options)
                guard done.insert(procedure).inserted else { continue }
                let quantity = ["VAC-01", "PHY-01"].contains(procedures[procedure].code) && random.chance(20) ? 2 : 1
                let price = procedures[procedure].price * 100 * (random.chance(5) ? 90 : 100) / 100
                total += price * quantity
                treatmentTable.insert([
                    .int(treatmentTable.rows.count + 1), .int(id), .int(procedure + 1), .int(quantity), .cents(price),
                    random.chance(20)
                        ? .text(random.pick(["Patient tolerated well", "Repeat in 6 weeks", "Referred for follow-up", "Sample sent to lab"])) : .null,
                ])
            }
            let drugs = medications.indices.filter { medications[$0].specialties.contains(specialty) }
            if !drugs.isEmpty, random.chance(visit.patient == 2 ? 90 : 35) {
                for _ in 0..<random.weighted([(1, 75), (2, 25)]) {
                    let drug = random.pick(drugs)
                    prescriptionTable.insert([
                        .int(prescriptionTable.rows.count + 1), .int(id), .int(drug + 1),
                        .text(random.pick(["1 daily", "1 twice daily", "1 three times daily", "apply twice daily", "as needed, max 4 daily"])),
                        .int(random.pick([5, 7, 14, 28, 30, 60, 90])), .int(random.weighted([(0, 55), (1, 25), (2, 12), (3, 8)])),
                        .date(visit.at.day),
                    ])
                }
            }
            let insurer = patients[visit.patient - 1].insurer
            let covered = total * (insurer.flatMap { coverage[$0] } ?? 0) / 100
            let due = total - covered
            let issued = visit.at.day.advanced(by: random.chance(70) ? 0 : 1)
            var status = "paid"
            var paid: Day? = issued
            if due > 0 {
                status = random.weighted([("paid", 78), ("partially_paid", 6), ("unpaid", 12), ("written_off", 4)])
                paid = nil
                if status == "paid" {
                    let day = issued.advanced(by: random.weighted([(random.int(0...14), 70), (random.int(15...60), 30)]))
                    if day <= lastDay { paid = day } else { status = "unpaid" }
                }
            }
            invoiceTable.insert([
                .int(invoiceTable.rows.count + 1), .int(visit.patient), .int(id), .date(issued), .cents(total), .cents(covered), .cents(due),
                .text(status), paid.map(BusinessValue.date) ?? .null,
            ])
        }

        var procedureTable = BusinessTable(
            "procedures",
            [
                pk(), col("code", .text), col("name", .text), col("category", .text), col("list_price", .money), col("typical_minutes", .integer),
            ]
        )
        for (index, p) in procedures.enumerated() {
            procedureTable.insert([.int(index + 1), .text(p.code), .text(p.name), .text(p.category), .cents(p.price * 100), .int(p.minutes)])
        }
        var medicationTable = BusinessTable(
            "medications",
            [
                pk(), col("name", .text), col("form", .text), col("strength", .text), col("is_controlled", .boolean), col("unit_cost", .money),
            ]
        )
        for (index, m) in medications.enumerated() {
            medicationTable.insert([.int(index + 1), .text(m.name), .text(m.form), .text(m.strength), .bool(m.controlled), .cents(m.cost * 100)])
        }

        return BusinessDatabase(
            id: id,
            tables: [
                doctorTable, patientTable, appointmentTable, procedureTable, treatmentTable, medicationTable, prescriptionTable, invoiceTable,
            ]
        )
    }
}
