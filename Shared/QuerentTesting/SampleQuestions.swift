import QuerentCore

/// Questions a shop analyst asks about the bundled sample database, each with the SQL that
/// answers it, written in four batches (each before the generator had seen it). The
/// generation tests score the built-in generator on them on SQLite, and on a MySQL copy of
/// the sample.
public enum SampleQuestions {
    /// One question and the SQL that answers it.
    public struct Case: Sendable {
        public var question: String
        /// The gold SQL (SQLite, and every dialect without its own).
        public var gold: String
        /// The gold SQL for MySQL when it differs (SQLite date functions).
        public var mysqlGold: String?

        public init(question: String, gold: String, mysqlGold: String? = nil) {
            self.question = question
            self.gold = gold
            self.mysqlGold = mysqlGold
        }

        /// The gold SQL for `dialect`.
        public func gold(for dialect: Dialect) -> String {
            dialect == .mysql ? mysqlGold ?? gold : gold
        }
    }

    public static let cases: [Case] = [
        // counts and simple filters
        Case(question: "How many customers do we have?", gold: "SELECT count(*) FROM customers"),
        Case(question: "How many orders are there?", gold: "SELECT count(*) FROM orders"),
        Case(question: "List all product categories.", gold: "SELECT name FROM categories"),
        Case(question: "How many customers are from France?", gold: "SELECT count(*) FROM customers WHERE country = 'France'"),
        Case(
            question: "List the first and last names of customers who live in Berlin.",
            gold: "SELECT first_name, last_name FROM customers WHERE city = 'Berlin'"
        ),
        Case(question: "How many orders were cancelled?", gold: "SELECT count(*) FROM orders WHERE status = 'cancelled'"),
        Case(question: "How many corporate customers are there?", gold: "SELECT count(*) FROM customers WHERE segment = 'Corporate'"),
        Case(question: "How many orders were shipped to Japan?", gold: "SELECT count(*) FROM orders WHERE ship_country = 'Japan'"),
        Case(question: "How many employees work in the Europe region?", gold: "SELECT count(*) FROM employees WHERE region = 'Europe'"),
        Case(question: "Which supplier is based in Lyon?", gold: "SELECT company_name FROM suppliers WHERE city = 'Lyon'"),
        Case(
            question: "How many employees have the title Sales Representative?",
            gold: "SELECT count(*) FROM employees WHERE title = 'Sales Representative'"
        ),
        Case(
            question: "What are the distinct cities of customers in the Consumer segment?",
            gold: "SELECT DISTINCT city FROM customers WHERE segment = 'Consumer'"
        ),
        Case(question: "List the products with a unit price above 200.", gold: "SELECT name FROM products WHERE unit_price > 200"),
        Case(question: "Which products cost between 20 and 30?", gold: "SELECT name FROM products WHERE unit_price BETWEEN 20 AND 30"),
        Case(question: "How many orders have not been shipped yet?", gold: "SELECT count(*) FROM orders WHERE shipped_date IS NULL"),
        Case(
            question: "What is the email of the customer named Emma Smith?",
            gold: "SELECT email FROM customers WHERE first_name = 'Emma' AND last_name = 'Smith'"
        ),

        // aggregates
        Case(question: "What is the average unit price of products?", gold: "SELECT avg(unit_price) FROM products"),
        Case(question: "What is the total amount of all payments?", gold: "SELECT sum(amount) FROM payments"),
        Case(question: "What is the largest payment amount?", gold: "SELECT max(amount) FROM payments"),
        Case(question: "What is the average discount on order items?", gold: "SELECT avg(discount) FROM order_items"),
        Case(question: "What is the total value of payments made by card?", gold: "SELECT sum(amount) FROM payments WHERE method = 'card'"),
        Case(question: "What is the average order total?", gold: "SELECT avg(total) FROM order_totals"),
        Case(question: "What are the minimum and maximum unit prices of products?", gold: "SELECT min(unit_price), max(unit_price) FROM products"),

        // grouping
        Case(question: "How many customers are there in each country?", gold: "SELECT country, count(*) FROM customers GROUP BY country"),
        Case(
            question: "How many products are in each category?",
            gold: "SELECT c.name, count(*) FROM products p JOIN categories c ON p.category_id = c.id GROUP BY c.id"
        ),
        Case(question: "What is the total payment amount for each payment method?", gold: "SELECT sum(amount), method FROM payments GROUP BY method"),
        Case(question: "How many suppliers are there per country?", gold: "SELECT country, count(*) FROM suppliers GROUP BY country"),
        Case(question: "Show the number of orders by status.", gold: "SELECT status, count(*) FROM orders GROUP BY status"),
        Case(
            question: "How many products does each supplier provide? Show the company name and the count.",
            gold: "SELECT s.company_name, count(*) FROM products p JOIN suppliers s ON p.supplier_id = s.id GROUP BY s.id"
        ),
        Case(
            question: "Show the total quantity sold for each product.",
            gold: "SELECT sum(oi.quantity), p.name FROM order_items oi JOIN products p ON oi.product_id = p.id GROUP BY p.id"
        ),
        Case(question: "Which countries have more than 10 customers?", gold: "SELECT country FROM customers GROUP BY country HAVING count(*) > 10"),

        // superlatives and ordering
        Case(question: "What is the most expensive product?", gold: "SELECT name FROM products ORDER BY unit_price DESC LIMIT 1"),
        Case(
            question: "Show the 5 cheapest products with their prices.",
            gold: "SELECT name, unit_price FROM products ORDER BY unit_price ASC LIMIT 5"
        ),
        Case(
            question: "Which category has the most products?",
            gold: "SELECT c.name FROM products p JOIN categories c ON p.category_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
        ),
        Case(
            question: "What is the email of the customer who placed the most orders?",
            gold: "SELECT c.email FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
        ),
        Case(question: "When was the most recent order placed?", gold: "SELECT order_date FROM orders ORDER BY order_date DESC LIMIT 1"),
        Case(
            question: "Which employee was hired most recently? Give the first and last name.",
            gold: "SELECT first_name, last_name FROM employees ORDER BY hire_date DESC LIMIT 1"
        ),
        Case(question: "Which order has the highest total?", gold: "SELECT order_id FROM order_totals ORDER BY total DESC LIMIT 1"),
        Case(
            question: "List the names of products in the Toys category ordered by unit price from highest to lowest.",
            gold: "SELECT p.name FROM products p JOIN categories c ON p.category_id = c.id WHERE c.name = 'Toys' ORDER BY p.unit_price DESC"
        ),

        // joins, subqueries, negation
        Case(
            question: "What are the names of products supplied by Nordic Audio AB?",
            gold: "SELECT p.name FROM products p JOIN suppliers s ON p.supplier_id = s.id WHERE s.company_name = 'Nordic Audio AB'"
        ),
        Case(
            question: "What is the average price of products in the Books category?",
            gold: "SELECT avg(p.unit_price) FROM products p JOIN categories c ON p.category_id = c.id WHERE c.name = 'Books'"
        ),
        Case(
            question: "How many orders did customers from Germany place?",
            gold: "SELECT count(*) FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.country = 'Germany'"
        ),
        Case(
            question: "Which products have never been ordered?",
            gold: "SELECT name FROM products WHERE id NOT IN (SELECT product_id FROM order_items)"
        ),
        Case(
            question: "List the emails of customers who have never placed an order.",
            gold: "SELECT email FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)"
        ),
        Case(
            question: "Which products are priced above the average price?",
            gold: "SELECT name FROM products WHERE unit_price > (SELECT avg(unit_price) FROM products)"
        ),
        Case(
            question: "How many orders has each employee handled? List the employee's last name and the count.",
            gold: "SELECT e.last_name, count(*) FROM orders o JOIN employees e ON o.employee_id = e.id GROUP BY e.id"
        ),

        // dates
        Case(
            question: "How many orders were placed in 2024?",
            gold: "SELECT count(*) FROM orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"
        ),
        Case(
            question: "How many orders were placed last month?",
            gold:
                "SELECT count(*) FROM orders WHERE order_date >= date('now', 'start of month', '-1 month') AND order_date < date('now', 'start of month')",
            mysqlGold:
                "SELECT count(*) FROM orders WHERE order_date >= DATE_FORMAT(CURRENT_DATE - INTERVAL 1 MONTH, '%Y-%m-01') AND order_date < DATE_FORMAT(CURRENT_DATE, '%Y-%m-01')"
        ),
        Case(
            question: "List the first names of employees hired after 2021.",
            gold: "SELECT first_name FROM employees WHERE hire_date >= '2022-01-01'"
        ),
        // a second batch, written after the first was answered
        Case(question: "How many products are there?", gold: "SELECT count(*) FROM products"),
        Case(
            question: "List the names of all suppliers from the United Kingdom.",
            gold: "SELECT company_name FROM suppliers WHERE country = 'United Kingdom'"
        ),
        Case(question: "What is the average quantity per order item?", gold: "SELECT avg(quantity) FROM order_items"),
        Case(question: "How many payments were made by bank transfer?", gold: "SELECT count(*) FROM payments WHERE method = 'bank_transfer'"),
        Case(
            question: "Which customers are in the Small Business segment? Show their emails.",
            gold: "SELECT email FROM customers WHERE segment = 'Small Business'"
        ),
        Case(question: "How many orders were returned?", gold: "SELECT count(*) FROM orders WHERE status = 'returned'"),
        Case(
            question: "What is the highest unit price in the Electronics category?",
            gold: "SELECT max(p.unit_price) FROM products p JOIN categories c ON p.category_id = c.id WHERE c.name = 'Electronics'"
        ),
        Case(question: "How many employees are there in each region?", gold: "SELECT region, count(*) FROM employees GROUP BY region"),
        Case(question: "List the titles of employees hired before 2019.", gold: "SELECT title FROM employees WHERE hire_date < '2019-01-01'"),
        Case(question: "Which product has the most units in stock?", gold: "SELECT name FROM products ORDER BY units_in_stock DESC LIMIT 1"),
        Case(question: "What is the total amount paid by PayPal?", gold: "SELECT sum(amount) FROM payments WHERE method = 'paypal'"),
        Case(
            question: "How many customers signed up in 2023?",
            gold: "SELECT count(*) FROM customers WHERE created_at >= '2023-01-01' AND created_at < '2024-01-01'"
        ),
        Case(question: "Show the number of customers in each segment.", gold: "SELECT count(*), segment FROM customers GROUP BY segment"),
        Case(question: "What are the names of the 3 most expensive products?", gold: "SELECT name FROM products ORDER BY unit_price DESC LIMIT 3"),
        Case(question: "Which cities do our suppliers come from?", gold: "SELECT city FROM suppliers"),
        Case(question: "How many distinct countries do customers come from?", gold: "SELECT count(DISTINCT country) FROM customers"),
        Case(
            question: "List the product names supplied by suppliers based in Germany.",
            gold: "SELECT p.name FROM products p JOIN suppliers s ON p.supplier_id = s.id WHERE s.country = 'Germany'"
        ),
        Case(
            question: "What is the average unit price of products for each category? Show the category name.",
            gold: "SELECT avg(p.unit_price), c.name FROM products p JOIN categories c ON p.category_id = c.id GROUP BY c.id"
        ),
        Case(question: "Which employees have no manager?", gold: "SELECT first_name || ' ' || last_name FROM employees WHERE manager_id IS NULL"),
        Case(
            question: "How many orders were placed by corporate customers?",
            gold: "SELECT count(*) FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.segment = 'Corporate'"
        ),
        Case(question: "What is the smallest order total?", gold: "SELECT min(total) FROM order_totals"),
        Case(
            question: "List the categories with more than 9 products.",
            gold: "SELECT c.name FROM products p JOIN categories c ON p.category_id = c.id GROUP BY c.id HAVING count(*) > 9"
        ),
        Case(
            question: "Show the email addresses of employees in the Asia-Pacific region.",
            gold: "SELECT email FROM employees WHERE region = 'Asia-Pacific'"
        ),
        Case(question: "How many order items have a discount greater than 0.1?", gold: "SELECT count(*) FROM order_items WHERE discount > 0.1"),
        Case(question: "What is the latest hire date among employees?", gold: "SELECT max(hire_date) FROM employees"),
        // a third batch, written after the second was answered
        Case(question: "Count the suppliers.", gold: "SELECT count(*) FROM suppliers"),
        Case(question: "What are the names of categories?", gold: "SELECT name FROM categories"),
        Case(
            question: "Give me the contact name of the supplier Maison Cuisine SARL.",
            gold: "SELECT contact_name FROM suppliers WHERE company_name = 'Maison Cuisine SARL'"
        ),
        Case(
            question: "How many delivered orders were shipped to France?",
            gold: "SELECT count(*) FROM orders WHERE status = 'delivered' AND ship_country = 'France'"
        ),
        Case(question: "Which products have a reorder level above 20?", gold: "SELECT name FROM products WHERE reorder_level > 20"),
        Case(question: "What is the total stock of all products?", gold: "SELECT sum(units_in_stock) FROM products"),
        Case(
            question: "List customers from Canada ordered by last name.",
            gold: "SELECT first_name || ' ' || last_name FROM customers WHERE country = 'Canada' ORDER BY last_name"
        ),
        Case(question: "What is the average payment amount for each method?", gold: "SELECT avg(amount), method FROM payments GROUP BY method"),
        Case(question: "How many products cost more than 100?", gold: "SELECT count(*) FROM products WHERE unit_price > 100"),
        Case(
            question: "Which supplier supplies the most products?",
            gold: "SELECT s.company_name FROM products p JOIN suppliers s ON p.supplier_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1"
        ),
        Case(
            question: "Show the order dates of orders handled by employees in the Americas region.",
            gold: "SELECT o.order_date FROM orders o JOIN employees e ON o.employee_id = e.id WHERE e.region = 'Americas'"
        ),
        Case(question: "How many customers are not in the Consumer segment?", gold: "SELECT count(*) FROM customers WHERE segment != 'Consumer'"),
        Case(
            question: "What is the average discount for each product? Show product names.",
            gold: "SELECT avg(oi.discount), p.name FROM order_items oi JOIN products p ON oi.product_id = p.id GROUP BY p.id"
        ),
        Case(question: "List the 3 most recent orders.", gold: "SELECT id FROM orders ORDER BY order_date DESC LIMIT 3"),
        Case(
            question: "Which employees were hired between 2019 and 2021? Give their last names.",
            gold: "SELECT last_name FROM employees WHERE hire_date BETWEEN '2019-01-01' AND '2021-12-31'"
        ),
        Case(
            question: "How many categories have fewer than 11 products?",
            gold:
                "SELECT count(*) FROM (SELECT c.id FROM products p JOIN categories c ON p.category_id = c.id GROUP BY c.id HAVING count(*) < 11) AS small"
        ),
        Case(question: "What is the maximum quantity ordered in a single order item?", gold: "SELECT max(quantity) FROM order_items"),
        Case(
            question: "Which categories have no discontinued products?",
            gold: "SELECT name FROM categories WHERE id NOT IN (SELECT category_id FROM products WHERE discontinued = 1)"
        ),
        Case(question: "Show the cities of suppliers in Japan.", gold: "SELECT city FROM suppliers WHERE country = 'Japan'"),
        Case(
            question: "What is the total amount paid for orders shipped to Germany?",
            gold: "SELECT sum(p.amount) FROM payments p JOIN orders o ON p.order_id = o.id WHERE o.ship_country = 'Germany'"
        ),
        // a fourth batch, written after the third was answered
        Case(
            question: "What is the email address of the supplier Nordic Audio AB?",
            gold: "SELECT email FROM suppliers WHERE company_name = 'Nordic Audio AB'"
        ),
        Case(question: "How many orders were paid by card?", gold: "SELECT count(*) FROM payments WHERE method = 'card'"),
        Case(
            question: "List all employees with the title Regional Sales Manager.",
            gold: "SELECT first_name || ' ' || last_name FROM employees WHERE title = 'Regional Sales Manager'"
        ),
        Case(
            question: "What is the average unit price of discontinued products?",
            gold: "SELECT avg(unit_price) FROM products WHERE discontinued = 1"
        ),
        Case(question: "Which countries do our customers live in?", gold: "SELECT DISTINCT country FROM customers"),
        Case(
            question: "How many customers joined in 2024?",
            gold: "SELECT count(*) FROM customers WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'"
        ),
        Case(
            question: "What is the cheapest product in the Books category?",
            gold: "SELECT p.name FROM products p JOIN categories c ON p.category_id = c.id WHERE c.name = 'Books' ORDER BY p.unit_price LIMIT 1"
        ),
        Case(
            question: "How many products does the Clothing category have?",
            gold: "SELECT count(*) FROM products p JOIN categories c ON p.category_id = c.id WHERE c.name = 'Clothing'"
        ),
        Case(
            question: "Show the total amount of payments for each order status.",
            gold: "SELECT sum(p.amount), o.status FROM payments p JOIN orders o ON p.order_id = o.id GROUP BY o.status"
        ),
        Case(question: "Which cities have more than 20 customers?", gold: "SELECT city FROM customers GROUP BY city HAVING count(*) > 20"),
        Case(question: "What is the description of the Toys category?", gold: "SELECT description FROM categories WHERE name = 'Toys'"),
        Case(question: "List the names of products with fewer than 10 units in stock.", gold: "SELECT name FROM products WHERE units_in_stock < 10"),
        Case(
            question: "How many orders were placed by customers in London?",
            gold: "SELECT count(*) FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.city = 'London'"
        ),
        Case(question: "What is the highest discount given on an order item?", gold: "SELECT max(discount) FROM order_items"),
        Case(
            question: "Show the first name and hire date of each employee in the Europe region.",
            gold: "SELECT first_name, hire_date FROM employees WHERE region = 'Europe'"
        ),
    ]
}
