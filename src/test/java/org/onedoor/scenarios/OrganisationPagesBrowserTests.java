package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person looks up units in the organisation pages with a real browser (Debian's Chromium, headless). */
@DatabaseTest
@Tag("browser")
class OrganisationPagesBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(1600);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void findsAWardWithoutDiacriticsAndFollowsItIntoTheReform() throws Exception {
        browser.get(url("/tenants/hanoi/units?asOf=2025-06-30&lang=vi"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Cơ cấu tổ chức", "Thành phố Hà Nội");
        assertThat(browser.findElement(By.cssSelector(".summary")).getText()).contains("30 đơn vị cấp huyện", "526 đơn vị cấp xã");

        var search = browser.findElement(By.id("q"));
        search.sendKeys("phuc xa");
        browser.findElement(By.cssSelector("form.filters button")).click();
        var hit = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.linkText("Phường Phúc Xá")));
        hit.click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Phường Phúc Xá"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Phường Phúc Xá");
        assertThat(browser.findElement(By.cssSelector(".valid-to")).getText()).isEqualTo("30/06/2025");
        var successors = browser.findElement(By.id("successors")).getText();
        assertThat(successors).contains("Phường Hồng Hà", "00097", "Sáp nhập", "01/07/2025", "1656/NQ-UBTVQH15");
        screenshot("unit-phuc-xa-vi");

        browser.findElement(By.linkText("Phường Hồng Hà")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Phường Hồng Hà"));
        assertThat(browser.findElement(By.id("predecessors")).getText()).contains("Phường Phúc Xá", "Phường Phúc Tân", "Một phần");
    }

    @Test
    void showsTheTreeAfterTheReformWithoutDistrictsAndSwitchesLanguage() throws Exception {
        browser.get(url("/tenants/hanoi/units?asOf=2025-07-01&lang=en"));
        assertThat(browser.findElement(By.cssSelector(".summary")).getText())
                .isEqualTo("On 01/07/2025: 30 province-level, 0 district-level and 126 commune-level units.");
        assertThat(browser.findElements(By.linkText("Quận Ba Đình"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("ul.tree > li > details > summary")).getText()).contains("Hanoi City");
        screenshot("tree-2025-07-01-en");

        browser.findElement(By.cssSelector("nav.languages a[lang='lo']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ໂຄງສ້າງການຈັດຕັ້ງ"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("lo");
        assertThat(browser.findElement(By.cssSelector(".summary")).getText()).contains("126");

        browser.get(url("/tenants/hanoi/units/00004?asOf=2025-07-01&lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ba Dinh Ward");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Formed from");
        assertThat(browser.findElement(By.id("predecessors")).getText()).contains("Phường Trúc Bạch", "Merge", "Part");
        screenshot("unit-ba-dinh-en");
    }

    @Test
    void showsAnErrorPageForAnUnknownUnit() {
        browser.get(url("/tenants/hanoi/units/99999?lang=vi"));
        assertThat(browser.findElement(By.cssSelector("section.problem")).getAttribute("data-code")).isEqualTo("unit-not-found");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Không có đơn vị này");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(String name) throws Exception {
        Browsers.screenshot(browser, name);
    }
}
