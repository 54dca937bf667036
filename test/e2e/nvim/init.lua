-- Headless Neovim (0.7+) as a real LSP client of `node dist/server.js --stdio`, driven by
-- test/e2e/nvim.e2e.ts. Neovim 0.7 does not pull diagnostics, so the server pushes them
-- (textDocument/publishDiagnostics). For each case of $RAMPART_NVIM_CONFIG (JSON):
--   open the file, attach the client, wait for its diagnostics and record them;
--   ask textDocument/codeAction at the focus diagnostic, apply the expected fix's edit,
--   wait until that diagnostic is gone and record the fixed line.
-- Then, for each never-opened file (config.unopened): wait for the diagnostics the workspace scan
-- pushes for it, without ever loading it into a buffer.
-- Everything is written as JSON to config.out; the exit code is 0 unless the script itself
-- failed (the assertions are the test's). The file on disk is never written.
local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('RAMPART_NVIM_CONFIG')), '\n'))
local results = { cases = {}, unopened = {} }

local function now_ms()
  return vim.loop.hrtime() / 1e6
end

local function rule_of(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return lsp.code or d.code
end

local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'rampart' then
      table.insert(out, {
        rule = rule_of(d),
        range = { d.lnum, d.col, d.end_lnum, d.end_col },
        severity = d.severity,
        message = d.message,
      })
    end
  end
  return out
end

-- Neovim 0.7 keeps only code/tags/data of an LSP diagnostic in user_data: rebuild the whole
-- diagnostic for the codeAction context (the server matches on more than the code).
local function to_lsp(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = lsp.code,
    codeDescription = lsp.codeDescription,
    data = lsp.data,
  }
end

local function find_diag(buf, rule)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if rule_of(d) == rule then
      return d
    end
  end
  return nil
end

local function run_case(client_id, case)
  local r = { name = case.name }
  results.cases[#results.cases + 1] = r
  vim.cmd('edit ' .. vim.fn.fnameescape(case.path))
  local buf = vim.api.nvim_get_current_buf()
  local t0 = now_ms()
  vim.lsp.buf_attach_client(buf, client_id)
  r.got_diagnostics = vim.wait(cfg.timeout, function()
    return #diagnostics(buf) > 0
  end, 20)
  r.diagnostics_ms = math.floor(now_ms() - t0)
  r.diagnostics = diagnostics(buf)
  if not case.focus then
    return
  end

  local d = find_diag(buf, case.focus.rule)
  if not d then
    r.error = 'no diagnostic for ' .. case.focus.rule
    return
  end
  local lsp_diag = to_lsp(d)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, cfg.timeout) or {}
  local chosen
  r.actions = {}
  for _, resp in pairs(responses) do
    for _, action in ipairs(resp.result or {}) do
      table.insert(r.actions, action.title)
      if action.title == case.focus.fix.title then
        chosen = action
      end
    end
  end
  if not chosen or not chosen.edit then
    r.error = 'no code action with an edit titled ' .. case.focus.fix.title
    return
  end
  local t1 = now_ms()
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  r.fixed_line = vim.api.nvim_buf_get_lines(buf, case.focus.fix.line, case.focus.fix.line + 1, false)[1]
  r.cleared = vim.wait(cfg.timeout, function()
    return find_diag(buf, case.focus.rule) == nil
  end, 20)
  r.cleared_ms = math.floor(now_ms() - t1)
  r.diagnostics_after_fix = diagnostics(buf)
  r.modified = vim.api.nvim_buf_get_option(buf, 'modified')
end

-- A file nobody opens: the server's workspace scan pushes its diagnostics; Neovim keeps them on
-- a buffer number it creates for the URI without loading the file.
local function run_unopened(case)
  local r = { name = case.name }
  results.unopened[#results.unopened + 1] = r
  local t0 = now_ms()
  local buf = vim.uri_to_bufnr(vim.uri_from_fname(case.path))
  r.got_diagnostics = vim.wait(cfg.timeout, function()
    return #diagnostics(buf) >= case.expected
  end, 20)
  r.diagnostics_ms = math.floor(now_ms() - t0)
  r.diagnostics = diagnostics(buf)
  r.loaded = vim.api.nvim_buf_is_loaded(buf)
end

local function main()
  vim.lsp.set_log_level('warn')
  local client_id = vim.lsp.start_client({
    name = 'rampart',
    cmd = cfg.cmd,
    root_dir = cfg.root,
    workspace_folders = { { uri = vim.uri_from_fname(cfg.root), name = 'workspace' } },
  })
  if not client_id then
    error('vim.lsp.start_client failed')
  end
  for _, case in ipairs(cfg.cases) do
    run_case(client_id, case)
  end
  for _, case in ipairs(cfg.unopened or {}) do
    run_unopened(case)
  end
  local client = vim.lsp.get_client_by_id(client_id)
  results.server_capabilities = client and client.server_capabilities and {
    diagnosticProvider = client.server_capabilities.diagnosticProvider ~= nil,
    codeActionProvider = client.server_capabilities.codeActionProvider ~= nil,
  }
  vim.lsp.stop_client(client_id)
  results.client_stopped = vim.wait(5000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or c.is_stopped()
  end, 20)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(main)
    if not ok then
      results.error = tostring(err)
    end
    vim.fn.writefile({ vim.fn.json_encode(results) }, cfg.out)
    vim.cmd(ok and 'qall!' or 'cquit 1')
  end,
})
