from Todos import health, list_todos, get_todo, create_todo, toggle_todo, delete_todo

fn routes() do
  HTTP.router()
    |> HTTP.on_get("/health", health)
    |> HTTP.on_get("/todos", HTTP.clustered(1, list_todos))
    |> HTTP.on_get("/todos/:id", HTTP.clustered(1, get_todo))
    |> HTTP.on_post("/todos", create_todo)
    |> HTTP.on_put("/todos/:id", toggle_todo)
    |> HTTP.on_delete("/todos/:id", delete_todo)
end

fn main() do
  case Node.start_from_env() do
    Ok(_) -> HTTP.serve(routes(), 8080)
    Err(reason) -> println("[todo-postgres] node start failed: #{reason}")
  end
end
