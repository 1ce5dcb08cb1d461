/** The baseline: a bare express "hello" route, measured in the same run as Formpilot. */
import express from "express";

const app = express();
app.get("/", (_req, res) => {
  res.send("hello");
});
const server = app.listen(Number(process.env.PORT ?? 0), () => {
  const address = server.address();
  console.log(JSON.stringify({ msg: "serving", port: typeof address === "object" && address ? address.port : 0 }));
});
