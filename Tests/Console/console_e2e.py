"""The web console end to end, in headless Chromium (Selenium), against a fresh `querent serve`.

Run by Tests/Console/run.sh, which starts the server and sets:
  QUERENT_CONSOLE_URL   the console page (e.g. http://127.0.0.1:PORT/console/)
  QUERENT_E2E_WORK      a scratch directory the server can read (the test's SQLite file goes there)
  QUERENT_SCREENSHOTS   where each step's screenshot goes
  QUERENT_E2E_MYSQL_URL a MySQL/MariaDB admin URL (optional; required when
                        QUERENT_REQUIRE_INTEGRATION=1): a MySQL source through the console
Every wait is explicit (WebDriverWait); nothing sleeps for a fixed time.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import ElementClickInterceptedException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ["QUERENT_CONSOLE_URL"]
WORK = os.environ["QUERENT_E2E_WORK"]
SHOTS = os.environ.get("QUERENT_SCREENSHOTS", ".build/console-screenshots")
MYSQL_URL = os.environ.get("QUERENT_E2E_MYSQL_URL", "")
REQUIRE = os.environ.get("QUERENT_REQUIRE_INTEGRATION") == "1"

CORRECTED_SQL = "SELECT published_year, count(*) AS books FROM books GROUP BY published_year ORDER BY published_year"


def make_library(path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL);
        CREATE TABLE books (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES authors(id),
            genre TEXT NOT NULL, pages INTEGER NOT NULL, published_year INTEGER NOT NULL);
        INSERT INTO authors VALUES
            (1, 'Ursula K. Le Guin', 'USA'), (2, 'Stanislaw Lem', 'Poland'), (3, 'Agatha Christie', 'UK'),
            (4, 'Italo Calvino', 'Italy'), (5, 'Octavia E. Butler', 'USA');
        INSERT INTO books VALUES
            (1, 'The Left Hand of Darkness', 1, 'science fiction', 304, 1969),
            (2, 'The Dispossessed', 1, 'science fiction', 387, 1974),
            (3, 'A Wizard of Earthsea', 1, 'fantasy', 183, 1968),
            (4, 'Solaris', 2, 'science fiction', 204, 1961),
            (5, 'The Cyberiad', 2, 'science fiction', 295, 1965),
            (6, 'Murder on the Orient Express', 3, 'mystery', 256, 1934),
            (7, 'And Then There Were None', 3, 'mystery', 272, 1939),
            (8, 'The Murder of Roger Ackroyd', 3, 'mystery', 312, 1926),
            (9, 'Invisible Cities', 4, 'literary', 165, 1972),
            (10, 'If on a Winter''s Night a Traveler', 4, 'literary', 260, 1979),
            (11, 'Kindred', 5, 'science fiction', 264, 1979),
            (12, 'Parable of the Sower', 5, 'science fiction', 345, 1993);
        """
    )
    db.commit()
    db.close()


@pytest.fixture(scope="module")
def driver():
    os.makedirs(SHOTS, exist_ok=True)
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-gpu", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    drv = webdriver.Chrome(options=options, service=service) if service else webdriver.Chrome(options=options)
    yield drv
    # Browser console errors (CSP violations included) fail the run.
    problems = [e for e in drv.get_log("browser") if e["level"] == "SEVERE" and e.get("source") != "network"]
    drv.quit()
    assert not problems, f"browser console errors: {problems}"


def shot(drv, name):
    drv.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def wait(drv, timeout=30):
    return WebDriverWait(drv, timeout, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,))


def css(drv, selector):
    return drv.find_element(By.CSS_SELECTOR, selector)


def click(drv, selector, within=None):
    """Scrolls to what the selector finds (in `within`, or the page) and clicks it; again if a
    re-render replaced it or something (the sticky composer) covered it in between."""
    def attempt(d):
        try:
            el = (within or d).find_element(By.CSS_SELECTOR, selector)
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
            el.click()
            return True
        except (StaleElementReferenceException, ElementClickInterceptedException):
            return False
    wait(drv).until(attempt)


def go(drv, route):
    drv.execute_script("location.hash = arguments[0]", route)
    wait(drv).until(lambda d: d.find_element(By.CSS_SELECTOR, f'a.nav-link[href="{route}"]').get_attribute("aria-current") == "page")


def ask(drv, question):
    before = len(drv.find_elements(By.CSS_SELECTOR, ".chat-log .turn"))
    box = wait(drv).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#ask-input")))
    box.clear()
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    wait(drv).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".chat-log .turn")) == before + 1)
    answer = drv.find_elements(By.CSS_SELECTOR, ".chat-log .turn")[-1].find_element(By.CSS_SELECTOR, ".answer")
    wait(drv, 60).until(lambda d: answer.get_attribute("data-state") in ("done", "error"))
    assert answer.get_attribute("data-state") == "done", answer.text
    # The feedback bar appears once the history entry is found.
    wait(drv).until(lambda d: answer.find_elements(By.CSS_SELECTOR, ".feedback"))
    drv.execute_script("arguments[0].parentElement.scrollIntoView({block: 'start'})", answer)
    return answer


def train(drv, tables):
    """On the Tables view of a new source listing exactly `tables`: selects them all, trains
    them with the live stream open, and waits until every progress bar reaches 100 %."""
    wait(drv).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".tables-table tbody tr")) == len(tables))
    for table in tables:
        click(drv, f'.tables-table input[type="checkbox"][data-table="{table}"]')
    wait(drv).until(lambda d: css(d, ".stream-state").text.endswith("Live"))
    click(drv, ".toolbar .btn.primary")
    wait(drv).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".progress-cell")) == len(tables))
    for table in tables:
        cell = f'.progress-cell[data-table="{table}"]'
        wait(drv, 60).until(lambda d: css(d, cell).get_attribute("data-progress") == "100" or css(d, cell).get_attribute("data-state") == "failed")
        wait(drv).until(lambda d: css(d, cell).get_attribute("data-state") == "done", f"training {table} failed")


def cells(answer):
    return [td.text for td in answer.find_elements(By.CSS_SELECTOR, ".answer-result table.grid tbody td")]


def test_console_flow(driver):
    try:
        flow(driver)
    except Exception:
        shot(driver, "failure")
        raise


def flow(drv):
    library = os.path.join(WORK, "library.sqlite")
    make_library(library)

    # 1. One-click local sign-in.
    drv.get(URL)
    button = wait(drv).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "button.local-sign-in")))
    shot(drv, "01-sign-in")
    button.click()
    wait(drv).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.nav a.nav-link")))
    wait(drv).until(lambda d: "sample" in Select(css(d, "#source-picker")).first_selected_option.text)

    # 2. Add a second SQLite source: test the connection, a bad path first.
    go(drv, "#/sources")
    wait(drv).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".sources-table tbody tr"))
    form = css(drv, "form.form-grid")
    form.find_element(By.CSS_SELECTOR, 'input[name="name"]').send_keys("library")
    Select(form.find_element(By.CSS_SELECTOR, 'select[name="dialect"]')).select_by_value("sqlite")
    conn = form.find_element(By.CSS_SELECTOR, 'input[name="connection"]')
    conn.send_keys(os.path.join(WORK, "missing.sqlite"))
    test_button = form.find_element(By.XPATH, ".//button[normalize-space()='Test connection']")
    test_button.click()
    error = wait(drv).until(lambda d: form.find_element(By.CSS_SELECTOR, ".form-status .notice.error"))
    assert error.text.strip(), "the driver's error message is shown"
    conn.clear()
    conn.send_keys(library)
    test_button.click()
    ok = wait(drv).until(lambda d: form.find_element(By.CSS_SELECTOR, ".form-status .notice.success"))
    assert "2 table" in ok.text, ok.text
    shot(drv, "02-add-source")
    form.find_element(By.XPATH, ".//button[normalize-space()='Add source']").click()

    # 3. Train both tables; the bars reach 100 %.
    wait(drv).until(lambda d: d.execute_script("return location.hash") == "#/tables")
    wait(drv).until(lambda d: "library" in Select(css(d, "#source-picker")).first_selected_option.text)
    train(drv, ("authors", "books"))
    shot(drv, "03-trained")

    # The schema of a table, with its relationship.
    click(drv, 'button[data-open="books"]')
    detail = wait(drv).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".schema-detail .desc-edit")))
    assert "authors(id)" in css(drv, ".schema-detail").text
    drv.execute_script("document.querySelector('.schema-detail').scrollIntoView({block: 'start'})")
    shot(drv, "04-schema")

    # 4. Three questions.
    go(drv, "#/ask")
    genres = ask(drv, "How many books per genre?")
    assert "science fiction" in cells(genres)
    assert "6" in cells(genres)
    chart = genres.find_element(By.CSS_SELECTOR, ".chart-panel svg.chart")
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect.bar")) == 4
    assert "GROUP BY" in genres.find_element(By.CSS_SELECTOR, "pre.sql").text
    wait(drv).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".toast"))
    shot(drv, "05-ask-chart")
    # The chart switches to a line.
    click(drv, '.segmented button[data-kind="line"]', genres)
    wait(drv).until(lambda d: genres.find_elements(By.CSS_SELECTOR, "svg.chart path.line"))
    click(drv, '.segmented button[data-kind="bar"]', genres)

    authors = ask(drv, "How many authors are there?")
    assert cells(authors) == ["5"], cells(authors)

    per_year = ask(drv, "Books per year")
    wrong_sql = per_year.find_element(By.CSS_SELECTOR, "pre.sql").text
    assert wrong_sql != CORRECTED_SQL

    # 5. Down-vote it with a corrected SQL; run the SQL first.
    click(drv, 'button[data-verdict="down"]', per_year)
    editor = wait(drv).until(lambda d: per_year.find_element(By.CSS_SELECTOR, ".sql-editor"))
    wait(drv).until(lambda d: editor.is_displayed())
    wait(drv).until(lambda d: per_year.find_element(By.CSS_SELECTOR, 'button[data-verdict="down"]').get_attribute("aria-pressed") == "true")
    sql_input = editor.find_element(By.CSS_SELECTOR, "textarea")
    sql_input.clear()
    sql_input.send_keys(CORRECTED_SQL)
    click(drv, 'button[data-action="run-sql"]', editor)
    wait(drv).until(lambda d: editor.find_elements(By.CSS_SELECTOR, ".editor-out svg.chart"))
    click(drv, 'button[data-action="save-correction"]', editor)
    wait(drv, 60).until(lambda d: editor.find_elements(By.CSS_SELECTOR, '.editor-out [data-learned="true"]'))
    shot(drv, "06-correction")

    # The same question again answers with the correction.
    again = ask(drv, "Books per year")
    assert again.find_element(By.CSS_SELECTOR, "pre.sql").text.strip() == CORRECTED_SQL
    assert "1979" in cells(again) and "2" in cells(again)
    assert again.find_elements(By.CSS_SELECTOR, "svg.chart path.line"), "a time series is drawn as a line"
    shot(drv, "07-corrected-answer")

    # Sortable, paginated rows: sort by count descending.
    click(drv, 'th[data-col="books"] button', again)
    wait(drv).until(lambda d: again.find_element(By.CSS_SELECTOR, 'th[data-col="books"]').get_attribute("aria-sort") == "ascending")
    click(drv, 'th[data-col="books"] button', again)
    wait(drv).until(lambda d: again.find_element(By.CSS_SELECTOR, 'th[data-col="books"]').get_attribute("aria-sort") == "descending")
    assert cells(again)[1] == "2"

    # 6. History shows the feedback; knowledge shows the correction as an example.
    go(drv, "#/history")
    wait(drv).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".history-entry"))
    wait(drv).until(lambda d: "Corrected" in css(d, ".history-list").text)
    shot(drv, "08-history")
    go(drv, "#/knowledge")
    item = wait(drv).until(lambda d: d.find_element(By.CSS_SELECTOR, ".k-item"))
    assert "Books per year" in item.text and "correction" in item.text
    shot(drv, "09-knowledge")

    # A phone-width screen: the Ask view of the sample source.
    go(drv, "#/ask")
    Select(css(drv, "#source-picker")).select_by_visible_text("sample (sqlite)")
    ask(drv, "How many orders per status?")
    drv.set_window_size(390, 844)
    wait(drv).until(lambda d: d.execute_script("return innerWidth") <= 400)
    last = drv.find_elements(By.CSS_SELECTOR, ".chat-log .answer")[-1]
    drv.execute_script("arguments[0].scrollIntoView({block: 'start'})", last)
    assert drv.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1"), "no horizontal scrolling"
    shot(drv, "10-phone")
    drv.set_window_size(1280, 900)

    # Sign out returns to the sign-in page.
    click(drv, ".sign-out")
    wait(drv).until(EC.presence_of_element_located((By.CSS_SELECTOR, "button.local-sign-in")))
    assert not drv.execute_script("return sessionStorage.getItem('querent.token') || localStorage.getItem('querent.token')")


class MySQLShop:
    """A fresh database on the MySQL server of QUERENT_E2E_MYSQL_URL, made and dropped with the
    server's own command-line client (no Python driver needed)."""

    STATEMENTS = """
        CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, city VARCHAR(100) NOT NULL);
        CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL,
            total DECIMAL(10,2) NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers (id));
        INSERT INTO customers VALUES (1, 'Ada', 'Paris'), (2, 'Björn', 'Malmö'), (3, 'Chloé', 'Paris');
        INSERT INTO orders VALUES (1, 1, 'paid', 120.50), (2, 1, 'paid', 80.00), (3, 2, 'cancelled', 40.00), (4, 3, 'paid', 200.00);
    """

    def __init__(self, admin_url):
        self.admin = urlsplit(admin_url)
        self.name = "querent_console_" + uuid.uuid4().hex[:10]
        self.url = urlunsplit(self.admin._replace(path="/" + self.name))

    def client(self, database, sql):
        tool = shutil.which("mariadb") or shutil.which("mysql")
        assert tool, "no mariadb/mysql command-line client"
        command = [tool, "--protocol=TCP", "-h", self.admin.hostname or "127.0.0.1", "-P", str(self.admin.port or 3306),
                   "-u", self.admin.username or "root", "--default-character-set=utf8mb4"]
        if database:
            command.append(database)
        env = dict(os.environ, MYSQL_PWD=self.admin.password or "")
        subprocess.run(command, input=sql, text=True, env=env, check=True, capture_output=True)

    def __enter__(self):
        self.client(None, f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4;")
        self.client(self.name, self.STATEMENTS)
        return self

    def __exit__(self, *exc):
        self.client(None, f"DROP DATABASE IF EXISTS `{self.name}`;")


def test_mysql_source(driver):
    if not MYSQL_URL:
        if REQUIRE:
            pytest.fail("QUERENT_REQUIRE_INTEGRATION=1 but no QUERENT_E2E_MYSQL_URL")
        pytest.skip("no MySQL server configured (QUERENT_E2E_MYSQL_URL)")
    with MySQLShop(MYSQL_URL) as shop:
        try:
            mysql_flow(driver, shop)
        except Exception:
            shot(driver, "failure-mysql")
            raise


def mysql_flow(drv, shop):
    """A MySQL source, added, trained and asked through the console."""
    drv.get(URL)
    wait(drv).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "button.local-sign-in"))).click()
    wait(drv).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.nav a.nav-link")))

    go(drv, "#/sources")
    form = wait(drv).until(lambda d: css(d, "form.form-grid"))
    form.find_element(By.CSS_SELECTOR, 'input[name="name"]').send_keys("mysql shop")
    Select(form.find_element(By.CSS_SELECTOR, 'select[name="dialect"]')).select_by_value("mysql")
    conn = form.find_element(By.CSS_SELECTOR, 'input[name="connection"]')
    conn.clear()
    conn.send_keys(shop.url)
    form.find_element(By.XPATH, ".//button[normalize-space()='Test connection']").click()
    ok = wait(drv).until(lambda d: form.find_element(By.CSS_SELECTOR, ".form-status .notice.success"))
    assert "2 table" in ok.text, ok.text
    form.find_element(By.XPATH, ".//button[normalize-space()='Add source']").click()
    wait(drv).until(lambda d: d.execute_script("return location.hash") == "#/tables")
    wait(drv).until(lambda d: "mysql shop" in Select(css(d, "#source-picker")).first_selected_option.text)
    train(drv, ("customers", "orders"))

    go(drv, "#/ask")
    paris = ask(drv, "How many customers live in Paris?")
    assert cells(paris) == ["2"], cells(paris)
    per_status = ask(drv, "What is the total of the orders for each status?")
    values = cells(per_status)
    assert "paid" in values and any(re.sub(r"[^0-9.]", "", v) in ("400.5", "400.50") for v in values), values
    wait(drv).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".toast"))
    shot(drv, "11-mysql")
