# Route-free clustered work; the HTTP layer never calls it directly.
@cluster pub fn add() -> Int do
  1 + 1
end
