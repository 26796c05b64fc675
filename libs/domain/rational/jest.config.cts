module.exports = {
  displayName: 'rational',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/rational',
};
