using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>Products and their items, parameters and templates.</summary>
internal static class CatalogRoutes
{
    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/products", "products", "Product");
        MapChild(app, api, "items", "product_items", "Product item", SeedWorldCounts.Items);
        MapChild(app, api, "parameters", "product_parameters", "Product parameter", SeedWorldCounts.Parameters);
        MapChild(app, api, "templates", "product_templates", "Product template", SeedWorldCounts.Templates);
    }

    private static void MapChild(IEndpointRouteBuilder app, SandboxApi api, string segment, string shape, string what, int perProduct)
    {
        List<JsonObject>? Children(HttpContext context)
        {
            var productId = SandboxApi.Route(context, "product_id");
            var index = api.World.ProductIds.Parse(productId);
            if (index is null || api.Store["products"].Get(index.Value) is null)
            {
                return null;
            }

            var p = index.Value % api.World.Products;
            return [.. Enumerable.Range(0, perProduct).Select(k => segment switch
            {
                "items" => api.World.ProductItem(p, k),
                "parameters" => api.World.ProductParameter(p, k),
                _ => api.World.ProductTemplate(p, k),
            })];
        }

        app.MapGet("/products/{product_id}/" + segment, context =>
        {
            var children = Children(context);
            return children is null
                ? ConnectResponses.NotFound(context, "Product", SandboxApi.Route(context, "product_id"))
                : ListResponder.InMemoryAsync(context, children, shape);
        });
        app.MapGet("/products/{product_id}/" + segment + "/{id}", context =>
        {
            var id = SandboxApi.Route(context, "id");
            var match = Children(context)?.FirstOrDefault(c => SandboxApi.Text(c, "id") == id);
            return match is null ? ConnectResponses.NotFound(context, what, id) : ConnectResponses.Json(context, StatusCodes.Status200OK, match);
        });
    }

    private static class SeedWorldCounts
    {
        public const int Items = Data.SeedWorld.ItemsPerProduct;
        public const int Parameters = Data.SeedWorld.ParametersPerProduct;
        public const int Templates = Data.SeedWorld.TemplatesPerProduct;
    }
}
