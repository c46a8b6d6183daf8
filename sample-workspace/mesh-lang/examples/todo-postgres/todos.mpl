# Todo handlers backed by PostgreSQL (connection from DATABASE_URL).
pub fn health(_request) do
  HTTP.response(200, "{\"status\":\"ok\"}")
end

pub fn list_todos(_request) do
  HTTP.response(200, Json.encode(Repo.all("todos")))
end

pub fn get_todo(request) do
  case Repo.get("todos", Request.param(request, "id")) do
    Ok(todo) -> HTTP.response(200, Json.encode(todo))
    Err(_) -> HTTP.response(404, "{\"error\":\"not found\"}")
  end
end

pub fn create_todo(request) do
  HTTP.response(201, Json.encode(Repo.insert("todos", Request.body(request))))
end

pub fn toggle_todo(request) do
  HTTP.response(200, Json.encode(Repo.toggle("todos", Request.param(request, "id"), "done")))
end

pub fn delete_todo(request) do
  Repo.delete("todos", Request.param(request, "id"))
  HTTP.response(204, "")
end
