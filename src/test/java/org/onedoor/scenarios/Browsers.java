package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.onedoor.identity.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, driven by its own chromedriver (Selenium Manager never runs), for the journey tests. */
final class Browsers {

    private Browsers() {
    }

    static WebDriver open(int height) {
        var chromium = new File("/usr/bin/chromium");
        var driver = new File("/usr/bin/chromedriver");
        assertThat(chromium).as("Debian's chromium (the test command installs it)").exists();
        assertThat(driver).as("Debian's chromium-driver (the test command installs it)").exists();
        var options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280," + height);
        var browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }

    /** Signs in through the pages as a person would: password, then the authenticator code for staff. */
    static void signIn(WebDriver browser, String baseUrl, String language, Api.Credentials account, Api api) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(baseUrl + "/login?lang=" + language);
        browser.findElement(By.id("username")).sendKeys(account.username());
        browser.findElement(By.id("password")).sendKeys(account.password());
        browser.findElement(By.cssSelector("form.stacked button")).click();
        if (!account.totpSecret().isEmpty()) {
            wait.until(ExpectedConditions.urlContains("/login/second-factor"));
            browser.findElement(By.id("code")).sendKeys(api.nextCode(account.totpSecret()));
            browser.findElement(By.cssSelector("form.stacked button")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action='/logout']")));
        assertThat(browser.getCurrentUrl()).as("signed in, not sent to change the password first").doesNotContain("/account/password");
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots", name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
