# 季度集中排查（PowerShell 5.1 及以上）：导入本季度的全国系统导出 → 集中排查 → 各村排查清单 → 概况。
# 用法：powershell -ExecutionPolicy Bypass -File 季度排查.ps1 -Db D:\防贫监测\榆次区.db -Data "D:\防贫监测\2024年二季度导出" -Campaign 2024Q2 -AsOf 2024-05-01
param(
  [Parameter(Mandatory = $true)][string]$Db,
  [Parameter(Mandatory = $true)][string]$Data,
  [Parameter(Mandatory = $true)][string]$Campaign,
  [string]$AsOf = (Get-Date -Format 'yyyy-MM-dd'),
  [string]$Operator = $env:USERNAME
)

# fpjc 的输出是 UTF-8；PowerShell 5.1 默认按代码页 936（GBK）读，先改成 UTF-8，否则中文和 JSON 会乱码
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
$OutputEncoding = [Console]::OutputEncoding

function Invoke-Fpjc([string[]]$FpjcArgs) {
  $out = & fpjc @FpjcArgs --db $Db --operator $Operator --json
  $code = $LASTEXITCODE
  $doc = $out | Out-String | ConvertFrom-Json
  if ($code -ne 0) {
    # 退出码：2 用法错误；3 数据被拒绝（登记库未改动）；4 登记库问题；1 其他
    Write-Host ("失败（退出码 {0}）：{1}" -f $code, $doc.error.message) -ForegroundColor Red
    exit $code
  }
  return $doc.result
}

$import = Invoke-Fpjc @('import', $Data)
foreach ($f in $import.files) {
  Write-Host ("已导入 {0}：新增 {1}，更新 {2}，未变 {3}" -f $f.file, $f.inserted, $f.updated, $f.unchanged)
}

$screen = Invoke-Fpjc @('screen', '--campaign', $Campaign, '--as-of', $AsOf)
Write-Host ("排查批次 {0}：排查范围 {1} 户" -f $Campaign, $screen.inScope)

$list = Invoke-Fpjc @('report', 'screening-list', '--campaign', $Campaign)
Write-Host ("各村排查清单：{0}" -f $list.outDir)

$status = Invoke-Fpjc @('status')
Write-Host ("登记库：{0} 户，{1} 人" -f $status.households, $status.members)
exit 0
