# Mesher: the maintained app the repo ships and keeps green.
fn main() do
  case Node.start_from_env() do
    Ok(status) -> println("[mesher] started on #{status.node_name}")
    Err(reason) -> println("[mesher] startup failed: #{reason}")
  end
end
