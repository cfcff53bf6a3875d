@echo off
chcp 65001 >nul
rem 季度集中排查（cmd.exe）：导入本季度的全国系统导出、集中排查、各村排查清单、概况。
rem 用法：季度排查.bat D:\防贫监测\榆次区.db "D:\防贫监测\2024年二季度导出" 2024Q2 2024-05-01
rem 本文件以 UTF-8 保存：先切换到 UTF-8 代码页，中文路径和输出才不会乱码。
setlocal
if "%~4"=="" (
  echo 用法：%~nx0 登记库文件 导出文件夹 排查批次 排查基准日
  exit /b 2
)
set "DB=%~1"
set "DATA=%~2"
set "CAMPAIGN=%~3"
set "ASOF=%~4"

call fpjc import "%DATA%" --db "%DB%" --json > "%TEMP%\fpjc-import.json"
if errorlevel 1 goto failed
call fpjc screen --campaign %CAMPAIGN% --as-of %ASOF% --db "%DB%" --json > "%TEMP%\fpjc-screen.json"
if errorlevel 1 goto failed
call fpjc report screening-list --campaign %CAMPAIGN% --db "%DB%" --json > "%TEMP%\fpjc-list.json"
if errorlevel 1 goto failed
call fpjc status --db "%DB%"
echo 完成：各村排查清单在登记库旁的“报表”文件夹。
exit /b 0

:failed
set "CODE=%errorlevel%"
rem 退出码：2 用法错误；3 数据被拒绝（登记库未改动）；4 登记库问题；1 其他。错误信息在上一步的 JSON 文件里。
echo 失败，退出码 %CODE%。详见 %TEMP% 下的 fpjc-*.json。
exit /b %CODE%
