using Microsoft.Playwright;
using NUnit.Framework;
using static Microsoft.Playwright.Assertions;

namespace Connector.Tests.Designer;

/// <summary>
/// The designer page in a real headless browser (Debian's chromium driven by Playwright; one browser for the
/// fixture): query, preview, run, select, approve; a profile tree; widening a profile from results; a wrong token. Each main screen is saved as a
/// screenshot under the test output (designer-screenshots/).
/// </summary>
[TestFixture]
[Category("Designer")]
[Category("Browser")]
[NonParallelizable]
public sealed class DesignerBrowserTests : DesignerFixture
{
    /// <summary>Where Debian's chromium package puts the browser (CHROMIUM_PATH overrides it).</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private IBrowserContext context = null!;
    private IPage page = null!;

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"no browser at {ChromiumPath}: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        page = await context.NewPageAsync();
        page.PageError += (_, error) => TestContext.Progress.WriteLine("page error: " + error);
    }

    [TearDown]
    public async Task ClosePageAsync() => await context.DisposeAsync();

    [Test]
    public async Task Query_pending_requests_then_approve_two_of_them()
    {
        await page.GotoAsync(Server.LaunchUrl.ToString());
        await page.GetByLabel("Search object types").FillAsync("requ");
        await page.Locator("#type-list button[data-type=request]").ClickAsync();
        await Expect(page.Locator("#type-title")).ToContainTextAsync("(request)");
        await Expect(page.Locator("#panel-browse")).ToContainTextAsync("POST /requests/{id}/approve");
        await ScreenshotAsync("1-browse-request");
        await AssertNoHorizontalScrollAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Query" }).ClickAsync();
        await page.Locator("[data-add-filter='0']").ClickAsync();
        var row = page.Locator(".filter-row").First;
        await row.Locator("select.field").SelectOptionAsync("status");
        await row.Locator("select.op").SelectOptionAsync("eq");
        await row.Locator("select.value").SelectOptionAsync("pending");
        await Expect(page.Locator("#preview-rql")).ToHaveTextAsync("eq(status,pending)");
        await Expect(page.Locator("#preview-http")).ToContainTextAsync("GET " + Sandbox.BaseUrl.ToString().TrimEnd('/') + "/requests?eq(status,pending)&limit=100&offset=0");
        await Expect(page.Locator("#preview-command")).ToHaveTextAsync("connector query request --filter 'status eq pending' --max 100");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run query" }).ClickAsync();
        var pending = PendingRequestIds();
        await Expect(page.Locator("#result-count")).ToHaveTextAsync($"{pending.Count} matching records");
        await Expect(page.Locator("#query-status")).ToContainTextAsync("SUCCESS");
        var shown = await page.Locator("#results-table tbody tr[data-record]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.record)");
        Assert.That(shown, Is.EqualTo(pending.Take(20)), "the first page of the table is the sandbox's pending requests, in order");
        await ScreenshotAsync("2-query-results");
        await AssertNoHorizontalScrollAsync();

        var chosen = pending.Take(2).ToList();
        foreach (var id in chosen)
        {
            await page.GetByLabel("Select " + id, new() { Exact = true }).CheckAsync();
        }

        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("2 selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Act on the selected records" }).ClickAsync();
        await page.Locator(".action-select").SelectOptionAsync("APPROVE");
        var template = page.Locator("[data-path='template_id']");
        await template.FillAsync("TL-0042-0000-0000-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run APPROVE" }).ClickAsync();
        var results = page.Locator("#action-results-table tbody tr");
        await Expect(results).ToHaveCountAsync(2);
        Assert.That(await results.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)"), Is.EqualTo(new[] { "SUCCESS", "SUCCESS" }));
        await Expect(results.First).ToContainTextAsync(chosen[0]);
        Assert.That(chosen.Select(id => (string?)Sandbox.Store.Get("requests", id)!["status"]), Is.All.EqualTo("approved"));
        await ScreenshotAsync("3-approve-results");
        await AssertNoHorizontalScrollAsync();
    }

    [Test]
    public async Task A_filter_on_a_documented_string_takes_text_and_one_with_documented_values_a_choice()
    {
        await page.GotoAsync(Server.LaunchUrl.ToString());
        await page.Locator("#type-list button[data-type=request]").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Query" }).ClickAsync();
        await page.Locator("[data-add-filter='0']").ClickAsync();
        var row = page.Locator(".filter-row").First;

        // The profile also accepts a boolean (and a number, an object, a list) where Connect documents a string id.
        await row.Locator("select.field").SelectOptionAsync("asset.connection.hub.id");
        await row.Locator("select.op").SelectOptionAsync("eq");
        await Expect(row.Locator("select.value")).ToHaveCountAsync(0);
        await row.Locator("input.value").FillAsync("HB-0042-0001");
        await Expect(page.Locator("#preview-rql")).ToHaveTextAsync("eq(asset.connection.hub.id,HB-0042-0001)");

        await row.Locator("select.field").SelectOptionAsync("status");
        await row.Locator("select.op").SelectOptionAsync("eq");
        await Expect(row.Locator("select.value option")).ToContainTextAsync(["choose a value", "pending"]);
    }

    [Test]
    public async Task The_asset_GET_profile_is_an_expandable_field_tree()
    {
        await page.GotoAsync(Server.LaunchUrl.ToString());
        await page.Locator("#type-list button[data-type=asset]").ClickAsync();
        await page.Locator("#panel-browse button[data-operation=GET]").ClickAsync();
        var output = page.Locator(".profile[data-role=output]");
        var customerId = output.Locator("li[data-path='tiers.customer.id']");
        await Expect(customerId).ToBeHiddenAsync();
        await output.Locator("li[data-path='tiers'] > details > summary").ClickAsync();
        var customer = output.Locator("li[data-path='tiers.customer'] > details > summary");
        await Expect(customer).ToBeVisibleAsync();
        await Expect(customerId).ToBeHiddenAsync();
        await customer.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(customerId).ToBeVisibleAsync();
        await Expect(customerId).ToContainTextAsync("id");
        var idType = customerId.Locator(".node-type");
        await Expect(idType).ToContainTextAsync("string");
        Assert.That(await idType.EvaluateAsync<string>("e => e.firstChild.textContent"), Is.EqualTo("string"), "the documented type is what shows");
        await Expect(idType).ToHaveAttributeAsync("title", "string; the profile also accepts number, boolean, object, array");
        await Expect(output.Locator(".profile-note")).ToContainTextAsync("Types are the documented ones");
        await ScreenshotAsync("4-asset-profile-tiers-customer-id");

        var nested = output.Locator("li[data-path='tiers.customer.contact_info.city']");
        await Expect(nested).ToBeHiddenAsync();
        await output.GetByRole(AriaRole.Button, new() { Name = "Expand all" }).ClickAsync();
        await Expect(nested).ToBeVisibleAsync();
        await Expect(output.Locator("li[data-path='status']")).ToContainTextAsync("read-only");
        await Expect(output.Locator("li[data-path='status']")).ToContainTextAsync("values: draft, processing, active");
        await Expect(page.Locator(".profile[data-role=input]")).ToContainTextAsync("No document.");
        await ScreenshotAsync("5-asset-profile-tree", fullPage: false);
        await AssertNoHorizontalScrollAsync();
    }

    [Test]
    public async Task Widening_from_the_case_results_shows_the_observed_additions_in_the_tree()
    {
        // The sandbox's helpdesk cases carry `state` as {current, next, all}, a shape the OpenAPI document has nowhere.
        await page.GotoAsync(Server.LaunchUrl.ToString());
        await page.Locator("#type-list button[data-type=case]").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Query" }).ClickAsync();
        await page.Locator("#query-max").FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run query" }).ClickAsync();
        await Expect(page.Locator("#query-status")).ToContainTextAsync("SUCCESS");
        await Expect(page.Locator("#learned")).ToBeEmptyAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Widen the profile from these results" }).ClickAsync();
        var learned = page.Locator("#learned");
        await Expect(learned.Locator("h3")).ToHaveTextAsync("The QUERY OUTPUT profile widened from 25 records");
        var additions = learned.Locator("#learned-additions li");
        await Expect(additions.Filter(new() { HasText = "state.current: new field" })).ToHaveCountAsync(1);
        await Expect(additions.Filter(new() { HasText = "state.next: new field" })).ToHaveCountAsync(1);
        // A nested addition shows without unfolding its parent: the designer opens the way to it.
        var current = learned.Locator("li[data-path='state.current']");
        await Expect(current).ToBeVisibleAsync();
        await Expect(current.Locator(".badge.observed")).ToHaveTextAsync("new field (observed)");
        await Expect(learned.Locator("li[data-path='id'] .badge.observed")).ToHaveCountAsync(0);
        // An array's new element type ("x[]: new items") is shown on the array's own node.
        var nodeAdditions = additions.Filter(new() { HasNotText = "[]: new items" });
        Assert.That(await learned.Locator("li[data-observed]").CountAsync(), Is.EqualTo(await nodeAdditions.CountAsync()), "one marked node per addition");
        await ScreenshotAsync("6-widened-case-profile");
        await AssertNoHorizontalScrollAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Run query" }).ClickAsync();
        await Expect(learned).ToBeEmptyAsync();
    }

    [Test]
    public async Task The_page_works_from_the_keyboard_with_a_visible_focus()
    {
        await page.GotoAsync(Server.LaunchUrl.ToString());
        await Expect(page.Locator("#type-list button").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("type-search"));
        await page.Keyboard.TypeAsync("asset");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"), Is.Not.EqualTo("none"), "the focused control shows it");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#type-title")).ToContainTextAsync("(asset)");
        await page.Locator("#tab-browse").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#panel-query")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("tab-query"));
    }

    [Test]
    public async Task A_wrong_token_gets_401()
    {
        await page.GotoAsync(new Uri(Server.Address, "?token=wrong").ToString());
        await Expect(page.Locator("#banner")).ToContainTextAsync("401");
        await Expect(page.Locator("#type-list button")).ToHaveCountAsync(0);
        var answer = await page.APIRequest.GetAsync(new Uri(Server.Address, "api/types").ToString(), new() { Headers = new Dictionary<string, string> { ["X-Designer-Token"] = "wrong" } });
        Assert.That(answer.Status, Is.EqualTo(401));
        await ScreenshotAsync("7-wrong-token");
    }

    /// <summary>Saves the page (all of it, or the viewport: an expanded profile of 1,700 fields is too tall for one image).</summary>
    private async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "designer-screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage });
        TestContext.AddTestAttachment(file, name);
    }

    private async Task AssertNoHorizontalScrollAsync() =>
        Assert.That(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), Is.True, "no horizontal scrolling at 1280 px");
}
