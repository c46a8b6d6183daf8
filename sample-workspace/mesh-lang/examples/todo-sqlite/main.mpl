from Todos import health, list_todos, get_todo, create_todo, toggle_todo, delete_todo

fn main() do
  let routes = HTTP.router()
    |> HTTP.on_get("/health", health)
    |> HTTP.on_get("/todos", list_todos)
    |> HTTP.on_get("/todos/:id", get_todo)
    |> HTTP.on_post("/todos", create_todo)
    |> HTTP.on_put("/todos/:id", toggle_todo)
    |> HTTP.on_delete("/todos/:id", delete_todo)
  HTTP.serve(routes, 8080)
end
